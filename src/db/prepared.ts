import type { Db } from './client.js';

/**
 * A query built and prepared once per database, for the few that run on every update (the redelivery
 * guard, form state, memberships). Building a drizzle query and preparing its SQLite statement costs far more
 * than running it; `build` uses `sql.placeholder` for what changes between calls.
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let prepared = cache.get(db);
    if (prepared === undefined) {
      prepared = build(db);
      cache.set(db, prepared);
    }
    return prepared;
  };
}
