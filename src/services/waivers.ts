/*
 * Waiving a due item, and the year reminders start from (docs/domain.md, "Deadlines and reminders"): one
 * implementation for `cli deadline mien|tunam` and the bot's /hanchot. An item waived is neither reminded nor
 * escalated; the waiver is audited with its reason.
 */
import type { Db } from '../db/client.js';
import { type Actor, recordAudit } from '../db/repositories/audit.js';
import { documentByCode } from '../db/repositories/documents.js';
import { DUE_SINCE_KEY } from '../db/repositories/due-items.js';
import { getSetting, setSetting } from '../db/repositories/settings.js';
import { getUnitByCode } from '../db/repositories/units.js';
import { waiveItem } from '../db/repositories/waivers.js';
import { type DueItem, itemKey } from '../domain/deadlines.js';
import { foldVietnamese, preview } from '../domain/vn.js';
import { type Outcome, usage } from './outcome.js';

type Annual = 'cap_uy' | 'ubkt' | 'personal_plans' | 'reporter_training';
const ANNUAL: Record<string, Annual> = {
  capuy: 'cap_uy',
  ubkt: 'ubkt',
  canhan: 'personal_plans',
  taphuan: 'reporter_training',
};
const LABEL: Record<Annual | 'action_plan', string> = {
  cap_uy: 'chương trình kiểm tra, giám sát của cấp ủy',
  ubkt: 'chương trình kiểm tra, giám sát của UBKT',
  personal_plans: 'kế hoạch hành động cá nhân',
  reporter_training: 'tập huấn báo cáo viên',
  action_plan: 'chương trình, kế hoạch hành động thực hiện',
};

/** `mien XA_A capuy 2025 sáp nhập` or `mien XA_A kehoach 57-NQ/TW văn bản thay thế`. */
export function waiverCommand(db: Db, args: readonly string[], actor: Actor, now: Date): Outcome {
  const [code = '', what = '', which = '', ...why] = args.map((a) => a.trim());
  const unit = getUnitByCode(db, code);
  if (!unit) return { ok: false, text: `Không có đơn vị mã ${preview(code)}.`, usage: false };
  const reason = why.join(' ');
  const kind = foldVietnamese(what);
  let item: DueItem;
  let label: string;
  if (kind === 'kehoach') {
    const doc = documentByCode(db, which);
    if (!doc)
      return { ok: false, text: `Không có văn bản số hiệu ${preview(which)} trong danh mục.`, usage: false };
    item = { kind: 'action_plan', unitId: unit.id, documentId: doc.id, deadline: '' };
    label = `${LABEL.action_plan} ${doc.code}`;
  } else {
    const annual = ANNUAL[kind];
    if (!annual || !/^\d{4}$/.test(which))
      return usage('Cần loại việc (capuy, ubkt, canhan, taphuan, kehoach) và năm.');
    const year = Number(which);
    item =
      annual === 'cap_uy' || annual === 'ubkt'
        ? { kind: 'inspection', unitId: unit.id, year, body: annual, deadline: '' }
        : { kind: annual, unitId: unit.id, year, deadline: '' };
    label = `${LABEL[annual]} năm ${year}`;
  }
  const done = waiveItem(db, { itemKey: itemKey(item), unitId: unit.id, reason }, actor, now);
  return {
    ok: true,
    text: done
      ? `Đã miễn ${label} của ${unit.name}: không nhắc, không báo cấp trên nữa (có ghi nhật ký).`
      : `${label[0]?.toUpperCase()}${label.slice(1)} của ${unit.name} đã được miễn từ trước.`,
  };
}

/** `tunam 2025`: annual items are owed from that year on. */
export function sinceYearCommand(db: Db, value: string, actor: Actor, now: Date): Outcome {
  if (!/^\d{4}$/.test(value) || Number(value) < 2000) return usage('Năm phải có dạng 2025.');
  const before = getSetting(db, DUE_SINCE_KEY);
  setSetting(db, DUE_SINCE_KEY, value);
  recordAudit(db, {
    actor,
    action: 'update',
    entity: 'setting',
    entityId: DUE_SINCE_KEY,
    before,
    after: value,
    now,
  });
  return { ok: true, text: `Đã lưu: nhắc các việc hằng năm từ năm ${value}.` };
}
