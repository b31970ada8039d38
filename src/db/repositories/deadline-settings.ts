import { and, eq, gte, lte } from 'drizzle-orm';
import { DEFAULT_RULES, type DeadlineRules } from '../../domain/deadlines.js';
import type { Db } from '../client.js';
import { documentDeadlines, holidays } from '../schema-reminders.js';
import { inTransaction } from '../tx.js';
import { type Actor, recordAudit } from './audit.js';
import { getSetting, setSetting } from './settings.js';

/* The administrator's deadline rules, per-document deadlines, and the list of public holidays. */

const RULES_KEY = 'deadline_rules';

export function deadlineRules(db: Db): DeadlineRules {
  const raw = getSetting(db, RULES_KEY);
  return { ...DEFAULT_RULES, ...(raw ? (JSON.parse(raw) as Partial<DeadlineRules>) : {}) };
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
