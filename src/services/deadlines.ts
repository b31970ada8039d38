/* Deadline rules and documents' own deadlines: one implementation for `cli deadline` and the bot's /hanchot. */

import type { Db } from '../db/client.js';
import type { Actor } from '../db/repositories/audit.js';
import {
  deadlineRules,
  documentDeadline,
  saveDeadlineRules,
  setDocumentDeadline,
} from '../db/repositories/deadline-settings.js';
import { documentByCode } from '../db/repositories/documents.js';
import { type DeadlineRules, describeMonthDay, parseMonthDay } from '../domain/deadlines.js';
import { foldVietnamese, formatDate, parseCount, parseStrictDate, preview } from '../domain/vn.js';
import { type Outcome, usage } from './outcome.js';
import { sinceYearCommand, waiverCommand } from './waivers.js';

export { DEADLINE_USAGE } from '../help-texts.js';

type DayRule = Exclude<keyof DeadlineRules, 'actionPlanDays'>;
const DAY_RULES: Record<string, DayRule> = {
  kiemtra: 'inspection',
  inspection: 'inspection',
  canhan: 'personalPlans',
  personal_plans: 'personalPlans',
  taphuan: 'reporterTraining',
  reporter_training: 'reporterTraining',
};

export function describeRules(r: DeadlineRules): string {
  return [
    `• Kế hoạch hành động của TCCSĐ: ${r.actionPlanDays} ngày sau hội nghị học tập đầu tiên về văn bản`,
    `• Chương trình kiểm tra, giám sát: ${describeMonthDay(r.inspection)} hằng năm`,
    `• Kế hoạch hành động cá nhân: ${describeMonthDay(r.personalPlans)} hằng năm`,
    `• Tập huấn báo cáo viên: ${describeMonthDay(r.reporterTraining)} hằng năm`,
  ].join('\n');
}

export function deadlineCommand(db: Db, args: readonly string[], actor: Actor, now: Date): Outcome {
  const [verb = 'xem', what = '', value = ''] = args.map((a) => a.trim());
  const v = foldVietnamese(verb);
  if (v === 'mien') return waiverCommand(db, args.slice(1), actor, now);
  if (v === 'tunam' && args.length === 2) return sinceYearCommand(db, what, actor, now);
  if (v === 'xem' || v === 'show')
    return { ok: true, text: `Hạn mặc định:\n${describeRules(deadlineRules(db))}` };
  if ((v === 'dat' || v === 'set') && args.length === 3) {
    const rules = deadlineRules(db);
    const key = foldVietnamese(what);
    if (key === 'songay' || key === 'action_plan_days') {
      const n = parseCount(value, 366);
      if (!n.ok || n.value < 1) return usage(n.ok ? 'Số ngày phải từ 1 đến 366.' : n.error);
      rules.actionPlanDays = n.value;
    } else if (key in DAY_RULES && DAY_RULES[key]) {
      const md = parseMonthDay(value);
      if (!md.ok) return usage(md.error);
      rules[DAY_RULES[key]] = md.value;
    } else return usage(`Không có hạn "${preview(what)}".`);
    saveDeadlineRules(db, rules, actor, now);
    return { ok: true, text: `Đã lưu. Hạn mặc định:\n${describeRules(rules)}` };
  }
  if ((v === 'vanban' || v === 'document') && args.length === 3) {
    const doc = documentByCode(db, what);
    if (!doc)
      return { ok: false, text: `Không có văn bản số hiệu ${preview(what)} trong danh mục.`, usage: false };
    const off = ['xoa', 'bo', 'none'].includes(foldVietnamese(value));
    const due = off ? null : parseStrictDate(value);
    if (due && !due.ok) return usage(due.error);
    const before = documentDeadline(db, doc.id);
    setDocumentDeadline(db, doc.id, due?.value ?? null, actor, now);
    const label = `${doc.code} ngày ${formatDate(doc.issuedOn)}`;
    return {
      ok: true,
      text: due
        ? `Đã đặt hạn kế hoạch hành động thực hiện ${label}: ${formatDate(due.value)} (áp dụng cho mọi TCCSĐ).`
        : `Đã bỏ hạn riêng của ${label}${before ? '' : ' (vốn chưa có)'}; áp dụng hạn mặc định.`,
    };
  }
  return usage('Thiếu hoặc thừa tham số.');
}
