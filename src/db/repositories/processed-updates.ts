import { eq, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { processedUpdates } from '../schema.js';

/** Telegram redelivers a batch whose confirmation was lost; an update handled once is skipped. */
export function wasProcessed(db: Db, updateId: number): boolean {
  return (
    db.select().from(processedUpdates).where(eq(processedUpdates.updateId, updateId)).get() !== undefined
  );
}

export function markProcessed(db: Db, updateId: number, now: Date): void {
  db.insert(processedUpdates).values({ updateId, at: now }).onConflictDoNothing().run();
}

export function pruneProcessed(db: Db, before: Date): number {
  return db.delete(processedUpdates).where(lt(processedUpdates.at, before)).run().changes;
}
