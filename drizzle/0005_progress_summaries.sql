CREATE TABLE `conference_years` (
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`conferences` integer NOT NULL,
	`present` integer NOT NULL,
	`non_member_attendances` integer NOT NULL,
	`study_num` integer NOT NULL,
	`study_den` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `year`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `org_study_firsts` (
	`org_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`first_held_on` text NOT NULL,
	PRIMARY KEY(`org_id`, `document_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `study_pairs` (
	`unit_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`year` integer NOT NULL,
	`present` integer NOT NULL,
	`eligible` integer NOT NULL,
	`first_held_on` text NOT NULL,
	`sessions` integer NOT NULL,
	`pair_years` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `document_id`, `year`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `study_pairs_multi_year_idx` ON `study_pairs` (`unit_id`) WHERE "study_pairs"."pair_years" > 1;--> statement-breakpoint
-- Backfill from the conference reports: the same statements as rebuildProgressSummaries() in
-- src/db/repositories/progress-summary.ts.
INSERT INTO `study_pairs` (`unit_id`, `document_id`, `year`, `present`, `eligible`, `first_held_on`, `sessions`, `pair_years`)
SELECT r.`unit_id`, d.`document_id`, CAST(substr(r.`held_on`, 1, 4) AS INTEGER), sum(r.`present`), max(r.`eligible`),
  min(r.`held_on`), count(*), 1
FROM `conference_reports` r JOIN `conference_report_documents` d ON d.`report_id` = r.`id`
GROUP BY r.`unit_id`, d.`document_id`, CAST(substr(r.`held_on`, 1, 4) AS INTEGER);
--> statement-breakpoint
UPDATE `study_pairs` SET `pair_years` = m.n
FROM (SELECT `unit_id`, `document_id`, count(*) AS n FROM `study_pairs` GROUP BY `unit_id`, `document_id` HAVING count(*) > 1) m
WHERE m.`unit_id` = `study_pairs`.`unit_id` AND m.`document_id` = `study_pairs`.`document_id`;
--> statement-breakpoint
INSERT INTO `conference_years` (`unit_id`, `year`, `conferences`, `present`, `non_member_attendances`, `study_num`, `study_den`)
SELECT `unit_id`, `year`, count(*), sum(`present`), sum(`non_member_attendances`), 0, 0
FROM (SELECT `unit_id`, CAST(substr(`held_on`, 1, 4) AS INTEGER) AS `year`, `present`, `non_member_attendances` FROM `conference_reports`)
GROUP BY `unit_id`, `year`;
--> statement-breakpoint
UPDATE `conference_years` SET `study_num` = s.num, `study_den` = s.den
FROM (SELECT `unit_id`, `year`, sum(min(`present`, `eligible`)) AS num, sum(`eligible`) AS den
      FROM `study_pairs` WHERE `pair_years` = 1 GROUP BY `unit_id`, `year`) s
WHERE s.`unit_id` = `conference_years`.`unit_id` AND s.`year` = `conference_years`.`year`;
--> statement-breakpoint
INSERT INTO `org_study_firsts` (`org_id`, `document_id`, `first_held_on`)
WITH RECURSIVE tree(id, org) AS (
  SELECT `id`, CASE WHEN `kind` IN ('xa', 'co_so') THEN `id` END FROM `units` WHERE `parent_id` IS NULL
  UNION ALL
  SELECT u.`id`, CASE WHEN u.`kind` IN ('xa', 'co_so') THEN u.`id` ELSE t.org END FROM `units` u JOIN tree t ON u.`parent_id` = t.id
)
SELECT t.org, p.`document_id`, min(p.`first_held_on`) FROM tree t JOIN `study_pairs` p ON p.`unit_id` = t.id
WHERE t.org IS NOT NULL GROUP BY t.org, p.`document_id`;
--> statement-breakpoint
-- org_study_firsts follows the tree: a changed parent or kind marks it stale; progress() rebuilds it.
CREATE TRIGGER `units_org_study_firsts_stale` AFTER UPDATE OF `parent_id`, `kind` ON `units`
WHEN OLD.`parent_id` IS NOT NEW.`parent_id` OR OLD.`kind` IS NOT NEW.`kind`
BEGIN
  INSERT OR REPLACE INTO `settings` (`key`, `value`) VALUES ('summary.org_study_firsts', 'stale');
END;
