import { and, eq, gte, lte } from 'drizzle-orm';
import { actionPlanDeadline, DEFAULT_RULES, type DeadlineRules } from '../../domain/deadlines.js';
import type { Db } from '../client.js';
import { orgStudyFirsts } from '../schema.js';
import { documentDeadlines, holidays } from '../schema-reminders.js';
import { inTransaction } from '../tx.js';
import { type Actor, recordAudit } from './audit.js';
import { ensureOrgStudyFirsts } from './progress-summary.js';
import { getSetting, setSetting } from './settings.js';

/* The administrator's deadline rules, per-document deadlines, and the list of public holidays. */

const RULES_KEY = 'deadline_rules';

export function deadlineRules(db: Db): DeadlineRules {
  const raw = getSetting(db, RULES_KEY);
  return { ...DEFAULT_RULES, ...(raw ? (JSON.parse(raw) as Partial<DeadlineRules>) : {}) };
}

/** What progress() takes of the rules, for a question asked on `today` (items due after it are "chưa đến hạn"). */
export function progressRules(db: Db, today?: string) {
  const rules = deadlineRules(db);
  return { actionPlanDays: rules.actionPlanDays, annual: rules, ...(today ? { today } : {}) };
}

export function saveDeadlineRules(db: Db, rules: DeadlineRules, actor: Actor, now: Date): void {
  inTransaction(db, () => {
    const before = deadlineRules(db);
    setSetting(db, RULES_KEY, JSON.stringify(rules));
    recordAudit(db, {
      actor,
      action: 'update',
      entity: 'deadline_rules',
      entityId: RULES_KEY,
      before,
      after: rules,
      now,
    });
  });
}

export function documentDeadline(db: Db, documentId: number): string | null {
  return (
    db.select().from(documentDeadlines).where(eq(documentDeadlines.documentId, documentId)).get()
      ?.actionPlanDue ?? null
  );
}

/**
 * When a grassroots organisation's action plan on a document is due (indicator 5): the document's own deadline,
 * else the rule's days after the organisation's first conference on it (the units it leads included); null while
 * it has not studied the document, when a plan cannot be late.
 */
export function actionPlanDue(db: Db, orgId: number, documentId: number): string | null {
  const own = documentDeadline(db, documentId);
  if (own) return own;
  ensureOrgStudyFirsts(db);
  const first = db
    .select({ day: orgStudyFirsts.firstHeldOn })
    .from(orgStudyFirsts)
    .where(and(eq(orgStudyFirsts.orgId, orgId), eq(orgStudyFirsts.documentId, documentId)))
    .get()?.day;
  return first ? actionPlanDeadline(first, deadlineRules(db), null) : null;
}

/** Sets (or, with null, removes) a document's own deadline for action plans. */
export function setDocumentDeadline(
  db: Db,
  documentId: number,
  due: string | null,
  actor: Actor,
  now: Date,
): void {
  inTransaction(db, () => {
    const before = documentDeadline(db, documentId);
    db.delete(documentDeadlines).where(eq(documentDeadlines.documentId, documentId)).run();
    if (due) db.insert(documentDeadlines).values({ documentId, actionPlanDue: due }).run();
    const action = before === null ? 'create' : due === null ? 'delete' : 'update';
    recordAudit(db, {
      actor,
      action,
      entity: 'document_deadline',
      entityId: documentId,
      before,
      after: due,
      now,
    });
  });
}

export function holidaysBetween(db: Db, from: string, to: string): Set<string> {
  const rows = db
    .select({ day: holidays.day })
    .from(holidays)
    .where(and(gte(holidays.day, from), lte(holidays.day, to)))
    .all();
  return new Set(rows.map((r) => r.day));
}

/** Replaces the list for the years the file covers; returns how many days it holds. */
export function importHolidays(
  db: Db,
  days: { day: string; name: string }[],
  actor: Actor,
  now: Date,
): number {
  return inTransaction(db, () => {
    const years = [...new Set(days.map((d) => d.day.slice(0, 4)))];
    for (const y of years)
      db.delete(holidays)
        .where(and(gte(holidays.day, `${y}-01-01`), lte(holidays.day, `${y}-12-31`)))
        .run();
    for (const d of days)
      db.insert(holidays)
        .values(d)
        .onConflictDoUpdate({ target: holidays.day, set: { name: d.name } })
        .run();
    recordAudit(db, {
      actor,
      action: 'update',
      entity: 'holidays',
      entityId: years.join(','),
      after: days,
      now,
    });
    return days.length;
  });
}
