import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { ROOT } from '../root.js';
import { type MigrateOptions, migrateSafely, refuseNewer } from './migrate-safely.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = path.join(ROOT, 'drizzle');

/**
 * Opens (creating the folder and file if needed) and migrates the database: refused untouched when a newer version
 * wrote it (NewerDatabaseError), copied to `backupDir` before migrating one that has data (migrate-safely.ts).
 */
export function openDatabase(file: string, options: MigrateOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  try {
    sqlite.pragma('busy_timeout = 5000');
    // Before any pragma or migration writes to it.
    refuseNewer(sqlite, file, MIGRATIONS_FOLDER, options.backupDir);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    // /tiendo's scope table and SQLite's sorts in memory, not in temp files: ~30% off a commune's /tiendo;
    // the same time and peak memory at nation scale (bench/tiendo.bench.ts).
    sqlite.pragma('temp_store = MEMORY');
    const db = drizzle(sqlite, { schema });
    migrateSafely(db, MIGRATIONS_FOLDER, options);
    return db;
  } catch (err) {
    sqlite.close();
    throw err;
  }
}
