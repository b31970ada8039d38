import {
  actionPlanDeadline,
  annualDeadline,
  type DeadlineRules,
  type DueItem,
  daysLeft,
  escalationStage,
  reminderStage,
} from './deadlines.js';
import { formatDate } from './vn.js';

/*
 * From what is missing to what to say: due items with their titles, the stage each has reached, and
 * the digest text. Pure; the sweep job adds the recipients and the never-twice log.
 */

/** What is still to be filed; `first` is an organisation's first conference on the document, `due` the document's own deadline. */
export interface Missing {
  inspection: { unitId: number; body: 'cap_uy' | 'ubkt'; year: number }[];
  personalPlans: { unitId: number; year: number }[];
  reporterTraining: { unitId: number; year: number }[];
  actionPlans: {
    unitId: number;
    documentId: number;
    code: string;
    first: string | null;
    due: string | null;
  }[];
}

export interface DueEntry {
  item: DueItem;
  title: string;
}

const BODY = { cap_uy: 'cấp ủy', ubkt: 'UBKT' } as const;

/** Each missing thing as a due item with its deadline and title; an annual one for the year it was owed. */
export function dueEntries(m: Missing, rules: DeadlineRules): DueEntry[] {
  const entries: DueEntry[] = [];
  for (const i of m.inspection) {
    const { year } = i;
    const item: DueItem = {
      kind: 'inspection',
      unitId: i.unitId,
      year,
      body: i.body,
      deadline: annualDeadline(year, rules.inspection),
    };
    entries.push({ item, title: `Chương trình kiểm tra, giám sát năm ${year} của ${BODY[i.body]}` });
  }
  for (const { unitId, year } of m.personalPlans) {
    const item: DueItem = {
      kind: 'personal_plans',
      unitId,
      year,
      deadline: annualDeadline(year, rules.personalPlans),
    };
    entries.push({ item, title: `Kế hoạch hành động cá nhân năm ${year} của bí thư, người đứng đầu` });
  }
  for (const { unitId, year } of m.reporterTraining) {
    const deadline = annualDeadline(year, rules.reporterTraining);
    entries.push({
      item: { kind: 'reporter_training', unitId, year, deadline },
      title: `Tập huấn báo cáo viên năm ${year}`,
    });
  }
  for (const a of m.actionPlans) {
    if (a.first === null && a.due === null) continue;
    const deadline = a.due ?? actionPlanDeadline(a.first as string, rules, null);
    const item: DueItem = { kind: 'action_plan', unitId: a.unitId, documentId: a.documentId, deadline };
    entries.push({ item, title: `Chương trình, kế hoạch hành động thực hiện ${a.code}` });
  }
  return entries;
}

export interface Staged extends DueEntry {
  stage: string;
}

/** Entries whose reminder (or, for the parent, escalation) stage has come, most urgent first. */
export function staged(entries: DueEntry[], today: string, escalation = false): Staged[] {
  const stageOf = escalation ? escalationStage : reminderStage;
  return entries
    .flatMap((e) => {
      const stage = stageOf(e.item.deadline, today);
      return stage ? [{ ...e, stage }] : [];
    })
    .sort((a, b) => a.item.deadline.localeCompare(b.item.deadline) || a.title.localeCompare(b.title, 'vi'));
}

/** `hạn 31/01/2026, còn 7 ngày` / `hôm nay là hạn cuối` / `quá hạn 12 ngày`. */
export function whenText(deadline: string, today: string): string {
  const left = daysLeft(deadline, today);
  const when = left > 0 ? `còn ${left} ngày` : left === 0 ? 'hôm nay là hạn cuối' : `quá hạn ${-left} ngày`;
  return `hạn ${formatDate(deadline)}, ${when}`;
}

const icon = (deadline: string, today: string) => (daysLeft(deadline, today) < 0 ? '⏰' : '⏳');

export function entryLine(e: DueEntry, today: string): string {
  return `${icon(e.item.deadline, today)} ${e.title} — ${whenText(e.item.deadline, today)}`;
}
