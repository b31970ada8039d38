import type Database from 'better-sqlite3';
import type { Db } from '../client.js';

/*
 * Whether the database may have changed since a moment: this connection's total_changes() (every row it inserted,
 * updated or deleted, temporary tables included, so any other statement in between counts too) and
 * PRAGMA data_version (a commit by another connection: the CLI, an import). Equal stamps mean no row changed;
 * different ones only that something might have. For caches of figures that must never be stale
 * (docs/architecture.md, "Dashboard").
 */

const statements = new WeakMap<
  Database.Database,
  { changes: Database.Statement; version: Database.Statement }
>();

function prepared(db: Db) {
  const client = db.$client;
  let st = statements.get(client);
  if (!st) {
    st = {
      changes: client.prepare('SELECT total_changes()').pluck(),
      version: client.prepare('PRAGMA data_version').pluck(),
    };
    statements.set(client, st);
  }
  return st;
}

/** This connection's own changes so far. */
export const ownChanges = (db: Db): number => Number(prepared(db).changes.get());

/** Changes committed by other connections: a different number when one has committed since. */
export const othersVersion = (db: Db): number => Number(prepared(db).version.get());
