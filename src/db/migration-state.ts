import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/*
 * What drizzle/ ships against what a database has applied, read the way drizzle's migrator records it: one row of
 * `__drizzle_migrations` per migration, created_at = the journal's `when`, hash = the sha256 of its SQL file.
 * Read by openDatabase (migrate-safely.ts), restore and the doctor (docs/architecture.md, "Upgrades and migrations").
 */

export interface JournalEntry {
  tag: string;
  when: number;
}

export interface MigrationState {
  /** The journal's migrations, in order. */
  entries: JournalEntry[];
  /** created_at → hash of each migration the database has applied; null when it has no migration table. */
  applied: Map<number, string> | null;
  /** Applied migrations the journal does not have: the database was written by a newer version. */
  unknown: number[];
}

export function readJournal(folder: string): JournalEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

/** The sha256 drizzle's migrator records for a migration's SQL file. */
export function migrationHash(folder: string, tag: string): string {
  return createHash('sha256')
    .update(fs.readFileSync(path.join(folder, `${tag}.sql`), 'utf8'))
    .digest('hex');
}

export function migrationState(sqlite: Database.Database, folder: string): MigrationState {
  const entries = readJournal(folder);
  const hasTable = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!hasTable) return { entries, applied: null, unknown: [] };
  const applied = new Map(
    (
      sqlite.prepare('select hash, created_at from __drizzle_migrations').all() as {
        hash: string;
        created_at: number;
      }[]
    ).map((r) => [Number(r.created_at), r.hash]),
  );
  const known = new Set(entries.map((e) => e.when));
  return { entries, applied, unknown: [...applied.keys()].filter((when) => !known.has(when)) };
}

/** How many migrations the database file at `file` has applied that `folder` does not ship (read-only). */
export function unknownMigrationsIn(file: string, folder: string): number {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return migrationState(sqlite, folder).unknown.length;
  } finally {
    sqlite.close();
  }
}
