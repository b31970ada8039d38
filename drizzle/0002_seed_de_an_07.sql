-- The default programme: Đề án 07-ĐA/TU (Bắc Kạn, 2017–2022) and its seven targets.
INSERT INTO `programmes` (`code`, `name`, `period_from`, `period_to`) VALUES
  ('07-ĐA/TU', 'Đề án 07-ĐA/TU về đổi mới, nâng cao chất lượng công tác quán triệt, học tập và tuyên truyền các nghị quyết, chỉ thị của Đảng giai đoạn 2017–2022', '2017-01-01', '2022-12-31');
--> statement-breakpoint
INSERT INTO `programme_targets` (`programme_id`, `indicator`, `target`)
SELECT `id`, t.`indicator`, t.`target` FROM `programmes`,
  (SELECT 'online_reach' AS `indicator`, 1.0 AS `target`
   UNION ALL SELECT 'members_study', 0.9
   UNION ALL SELECT 'people_aware', 0.8
   UNION ALL SELECT 'reporters_trained', 1.0
   UNION ALL SELECT 'action_plans', 1.0
   UNION ALL SELECT 'personal_plans', 0.9
   UNION ALL SELECT 'inspection', 1.0) AS t
WHERE `programmes`.`code` = '07-ĐA/TU';
