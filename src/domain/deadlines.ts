import { addDaysIso, formatDate, isoDate, isRealDate, type Parsed, preview } from './vn.js';

/*
 * Due items and reminder stages (docs/domain.md, "Deadlines and reminders"). Pure: today is a parameter.
 */

export const DUE_KINDS = ['action_plan', 'inspection', 'personal_plans', 'reporter_training'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

/** Default deadlines, editable by an administrator (globally; per document for action plans). */
export interface DeadlineRules {
  /** An action plan is due this many days after the organisation's first conference on the document. */
  actionPlanDays: number;
  /** `MM-DD` in the item's year. */
  inspection: string;
  personalPlans: string;
  reporterTraining: string;
}

export const DEFAULT_RULES: DeadlineRules = {
  actionPlanDays: 30,
  inspection: '01-31',
  personalPlans: '01-31',
  reporterTraining: '09-30',
};

export type InspectionBody = 'cap_uy' | 'ubkt';

export type DueItem = {
  unitId: number;
  deadline: string;
} & (
  | { kind: 'action_plan'; documentId: number }
  | { kind: 'inspection'; year: number; body: InspectionBody }
  | { kind: 'personal_plans'; year: number }
  | { kind: 'reporter_training'; year: number }
);

/** A stable name for the item, for the never-twice log. */
export function itemKey(i: DueItem): string {
  switch (i.kind) {
    case 'action_plan':
      return `action_plan:${i.unitId}:${i.documentId}`;
    case 'inspection':
      return `inspection:${i.unitId}:${i.year}:${i.body}`;
    default:
      return `${i.kind}:${i.unitId}:${i.year}`;
  }
}

/** The deadline of an annual item in a year: `MM-DD` of that year. */
export const annualDeadline = (year: number, monthDay: string) => `${year}-${monthDay}`;

/** An action plan's deadline: the document's own, else N days after the first conference on it. */
export const actionPlanDeadline = (
  firstConference: string,
  rules: DeadlineRules,
  documentDue: string | null,
) => documentDue ?? addDaysIso(firstConference, rules.actionPlanDays);

const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** Whole days from `today` to `deadline`: positive before, 0 on the day, negative when overdue. */
export const daysLeft = (deadline: string, today: string) => dayNumber(deadline) - dayNumber(today);

/**
 * The latest reminder stage whose day has come: `d-7` (7 days before), `d-1`, `d0` (on the day), then
 * `w1`, `w2`… every 7 days overdue. Null while more than 7 days remain. Being the latest stage, not
 * "today's", it catches up a weekend, a holiday or a day the bot was down, once.
 */
export function reminderStage(deadline: string, today: string): string | null {
  const left = daysLeft(deadline, today);
  if (left > 7) return null;
  if (left > 1) return 'd-7';
  if (left === 1) return 'd-1';
  if (left > -7) return 'd0';
  return `w${Math.floor(-left / 7)}`;
}

/** Past 7 days overdue the parent unit's leaders are told, then weekly: `e1`, `e2`… */
export function escalationStage(deadline: string, today: string): string | null {
  const overdue = -daysLeft(deadline, today);
  return overdue >= 7 ? `e${Math.floor(overdue / 7)}` : null;
}

/** `31/01` or `31/1` → `01-31` (29/02 refused: it is not in every year). */
export function parseMonthDay(s: string): Parsed<string> {
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})$/.exec(s.trim());
  const [d, mo] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || !isRealDate(2023, mo, d))
    return { ok: false, error: `"${preview(s.trim())}" không phải ngày trong năm (ví dụ 31/01).` };
  return { ok: true, value: isoDate(2023, mo, d).slice(5) };
}

export const describeMonthDay = (md: string) => formatDate(`2000-${md}`).slice(0, 5);
