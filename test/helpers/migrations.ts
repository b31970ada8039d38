import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/db/client.js';
import { readJournal } from '../../src/db/migration-state.js';

/** The migrations this version ships, in order. */
export const JOURNAL = readJournal(MIGRATIONS_FOLDER);

/**
 * A database as an older version left it: the first `count` migrations of drizzle/ applied (through a copy of the
 * folder whose journal stops there), and one unit in it.
 */
export function databaseAtMigration(file: string, count: number): void {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'drizzle-old-'));
  try {
    fs.mkdirSync(path.join(folder, 'meta'));
    const journal = JSON.parse(
      fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
    );
    journal.entries = journal.entries.slice(0, count);
    fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
    for (const e of JOURNAL.slice(0, count))
      fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    migrate(drizzle(sqlite), { migrationsFolder: folder });
    sqlite
      .prepare(
        "insert into units (code, name, kind, valid_from) values ('XA_CU', 'Đảng ủy xã Cũ', 'xa', '2020-01-01')",
      )
      .run();
    sqlite.close();
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** A database a newer version wrote: every migration of this one, and one more it does not know. */
export function databaseFromNewerVersion(file: string): void {
  openDatabase(file).$client.close();
  const sqlite = new Database(file);
  const last = JOURNAL.at(-1)?.when ?? 0;
  sqlite
    .prepare("insert into __drizzle_migrations (hash, created_at) values ('tuong-lai', ?)")
    .run(last + 86_400_000);
  sqlite.close();
}

/** The tables of a database file, read-only. */
export function tablesOf(file: string): string[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .pluck()
      .all() as string[];
  } finally {
    sqlite.close();
  }
}

/** How many migrations a database file has applied, read-only. */
export function appliedIn(file: string): number {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get() as number;
  } finally {
    sqlite.close();
  }
}
