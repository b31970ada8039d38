import type { Db } from './client.js';
import { flushWrites } from './deferred.js';

/**
 * Runs `fn` in one SQLite transaction (a savepoint when nested). better-sqlite3 is synchronous, so
 * nothing else runs in between: a check and the write it guards cannot be split by another update.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  // The turn's deferred writes go first, in their own commit: a rollback of `fn` must not take them along.
  flushWrites(db);
  return db.$client.transaction(fn)();
}
