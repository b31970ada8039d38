import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { pendingWrites } from '../deferred.js';
import { preparedPerDb } from '../prepared.js';
import { processedUpdates } from '../schema.js';

const findProcessed = preparedPerDb((db) =>
  db
    .select({ updateId: processedUpdates.updateId })
    .from(processedUpdates)
    .where(eq(processedUpdates.updateId, sql.placeholder('updateId')))
    .prepare(),
);

const insertProcessed = preparedPerDb((db) =>
  db
    .insert(processedUpdates)
    .values({ updateId: sql.placeholder('updateId'), at: sql.placeholder('at') })
    .onConflictDoNothing()
    .prepare(),
);

/** Marks not yet written, per database. */
const pendingMarks = pendingWrites<number, Date>((db) => {
  const insert = insertProcessed(db);
  return (updateId, at) => insert.run({ updateId, at });
});

/** Telegram redelivers a batch whose confirmation was lost; an update handled once is skipped. */
export function wasProcessed(db: Db, updateId: number): boolean {
  return pendingMarks.get(db, updateId) !== undefined || findProcessed(db).get({ updateId }) !== undefined;
}

/**
 * Marks an update handled. The mark is written with the turn's other deferred writes (../deferred.ts): a commit
 * per update was ~5% of the bot's CPU. Telegram redelivers only updates it has not seen confirmed, and whatever
 * confirms them (the next poll, the webhook's answer) calls flushWrites first.
 */
export function markProcessed(db: Db, updateId: number, now: Date): void {
  pendingMarks.set(db, updateId, now);
}

export function pruneProcessed(db: Db, before: Date): number {
  return db.delete(processedUpdates).where(lt(processedUpdates.at, before)).run().changes;
}
