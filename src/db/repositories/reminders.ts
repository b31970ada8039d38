import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { groupLinks, members, type Role, users } from '../schema.js';
import { reminderGroups, reminderLog, sweepRuns } from '../schema-reminders.js';
import { inTransaction } from '../tx.js';

/* Who gets a reminder, and what was already sent. */

function chatsByUnit(db: Db, unitIds: readonly number[], role: Role): Map<number, number[]> {
  if (unitIds.length === 0) return new Map();
  const rows = db
    .select({ unitId: members.unitId, chatId: members.userId })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        inArray(members.unitId, [...unitIds]),
        eq(members.role, role),
        isNull(members.revokedAt),
        isNull(users.blockedAt),
      ),
    )
    .all();
  return byUnit(rows);
}

function byUnit(rows: { unitId: number; chatId: number }[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const list = out.get(r.unitId);
    if (list) list.push(r.chatId);
    else out.set(r.unitId, [r.chatId]);
  }
  return out;
}

/** The unit's secretaries, in private chats (a user who blocked the bot is left out). */
export const secretaryChats = (db: Db, unitIds: readonly number[]) => chatsByUnit(db, unitIds, 'bi_thu');

/** The unit's leaders: they get the escalation digest of the units below. */
export const leaderChats = (db: Db, unitIds: readonly number[]) => chatsByUnit(db, unitIds, 'lanh_dao');

/**
 * Who answers for a unit's own items: its secretaries; a unit with no secretary who can be told (none
 * active, or all blocked the bot) has its own leaders told instead (docs/domain.md, "Deadlines and reminders").
 */
export function answeringChats(db: Db, unitIds: readonly number[]): Map<number, number[]> {
  const secretaries = secretaryChats(db, unitIds);
  const without = unitIds.filter((id) => !secretaries.has(id));
  return new Map([...secretaries, ...leaderChats(db, without)]);
}

/** Linked groups that asked for their unit's digest. */
export function reminderGroupChats(db: Db, unitIds: readonly number[]): Map<number, number[]> {
  if (unitIds.length === 0) return new Map();
  const rows = db
    .select({ unitId: groupLinks.unitId, chatId: groupLinks.chatId })
    .from(groupLinks)
    .innerJoin(reminderGroups, eq(reminderGroups.chatId, groupLinks.chatId))
    .where(inArray(groupLinks.unitId, [...unitIds]))
    .all();
  return byUnit(rows);
}

export function setGroupReminders(db: Db, chatId: number, on: boolean): void {
  if (on) db.insert(reminderGroups).values({ chatId }).onConflictDoNothing().run();
  else db.delete(reminderGroups).where(eq(reminderGroups.chatId, chatId)).run();
}

export interface SentKey {
  itemKey: string;
  stage: string;
  chatId: number;
}

export function wasSent(db: Db, k: SentKey): boolean {
  return (
    db
      .select({ k: reminderLog.itemKey })
      .from(reminderLog)
      .where(
        and(
          eq(reminderLog.itemKey, k.itemKey),
          eq(reminderLog.stage, k.stage),
          eq(reminderLog.chatId, k.chatId),
        ),
      )
      .get() !== undefined
  );
}

/** Claims the keys before sending: a crash after this loses a reminder rather than repeating one. */
export function claimSent(db: Db, keys: readonly SentKey[], now: Date): void {
  inTransaction(db, () => {
    for (const k of keys)
      db.insert(reminderLog)
        .values({ ...k, sentAt: now })
        .onConflictDoNothing()
        .run();
  });
}

/** Gives the keys back when the message could not be delivered, so the next sweep tries again. */
export function releaseSent(db: Db, keys: readonly SentKey[]): void {
  inTransaction(db, () => {
    for (const k of keys) {
      db.delete(reminderLog)
        .where(
          and(
            eq(reminderLog.itemKey, k.itemKey),
            eq(reminderLog.stage, k.stage),
            eq(reminderLog.chatId, k.chatId),
          ),
        )
        .run();
    }
  });
}

export function sweepRanOn(db: Db, day: string): boolean {
  return db.select().from(sweepRuns).where(eq(sweepRuns.day, day)).get()?.finishedAt != null;
}

/** The last day whose sweep finished (/healthz). */
export function lastSweepDay(db: Db): string | null {
  return (
    db
      .select({ day: sweepRuns.day })
      .from(sweepRuns)
      .where(isNotNull(sweepRuns.finishedAt))
      .orderBy(desc(sweepRuns.day))
      .limit(1)
      .get()?.day ?? null
  );
}

export function recordSweep(db: Db, day: string, startedAt: Date, finishedAt: Date, sent: number): void {
  const row = { startedAt, finishedAt, sent };
  db.insert(sweepRuns)
    .values({ day, ...row })
    .onConflictDoUpdate({ target: sweepRuns.day, set: row })
    .run();
}
