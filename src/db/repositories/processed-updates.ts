import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
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

/** Telegram redelivers a batch whose confirmation was lost; an update handled once is skipped. */
export function wasProcessed(db: Db, updateId: number): boolean {
  return findProcessed(db).get({ updateId }) !== undefined;
}

export function markProcessed(db: Db, updateId: number, now: Date): void {
  insertProcessed(db).run({ updateId, at: now });
}

export function pruneProcessed(db: Db, before: Date): number {
  return db.delete(processedUpdates).where(lt(processedUpdates.at, before)).run().changes;
}
