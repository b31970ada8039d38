import path from 'node:path';
import type Database from 'better-sqlite3';
// The subpath: the package's index costs start-up for one function.
import { format } from 'date-fns/format';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { systemClock } from '../clock.js';
import { inZone } from '../domain/vn.js';
import { backupDatabase } from './backup.js';
import type { Db } from './client.js';
import { migrationState } from './migration-state.js';

/*
 * Migrating at start without surprises (docs/architecture.md, "Upgrades and migrations"): a database written by a
 * newer version is refused before anything is written to it; one that already holds data is copied to the backup
 * folder before the first pending migration runs; each migration applied is logged on a line of its own.
 */

/** What openDatabase logs: pino's logger fits; the CLI passes one that prints Vietnamese lines. */
export interface MigrationLog {
  info(fields: Record<string, unknown>, msg: string): void;
}

export interface MigrateOptions {
  /** Where the copy taken before migrating goes (BACKUP_DIR); none is taken without it. */
  backupDir?: string;
  now?: () => Date;
  /** The office's time zone, for the copy's name. */
  timeZone?: string;
  log?: MigrationLog;
}

/** The database has migrations this version does not ship: it was written by a newer version of the bot. */
export class NewerDatabaseError extends Error {
  constructor(
    readonly file: string,
    /** How many applied migrations this version does not know. */
    readonly unknown: number,
    /** Where the copies taken before migrating are (BACKUP_DIR), when known. */
    backupDir = '<thư mục sao lưu>',
  ) {
    super(
      `Cơ sở dữ liệu ${file} do phiên bản mới hơn của bot ghi (${unknown} bản cập nhật (migration) không có ` +
        'trong bản này); bot không mở để khỏi làm hỏng dữ liệu. Hãy chạy phiên bản mới hơn đó, hoặc khôi phục ' +
        `bản sao lưu trước khi nâng cấp: npm run cli -- restore ${path.join(backupDir, 'truoc-nang-cap-….sqlite')}`,
    );
    this.name = 'NewerDatabaseError';
  }
}

/** The copy taken before migrating: `truoc-nang-cap-20261128-143005.sqlite`, the office's wall clock. */
export const preUpgradeName = (now: Date, timeZone: string) =>
  `truoc-nang-cap-${format(inZone(now, timeZone), 'yyyyMMdd-HHmmss')}.sqlite`;

/** Throws NewerDatabaseError when the database has applied a migration `folder` does not have. Reads only. */
export function refuseNewer(
  sqlite: Database.Database,
  file: string,
  folder: string,
  backupDir?: string,
): void {
  const { unknown } = migrationState(sqlite, folder);
  if (unknown.length > 0) throw new NewerDatabaseError(file, unknown.length, backupDir);
}

/**
 * Applies what the database lacks (drizzle's migrator: every pending migration in one transaction, all or none),
 * after a checked copy when the database already has migrations applied; then one log line per migration.
 */
export function migrateSafely(db: Db, folder: string, opts: MigrateOptions = {}): void {
  const { entries, applied } = migrationState(db.$client, folder);
  // drizzle applies what comes after the last migration the database recorded.
  const last = applied && applied.size > 0 ? Math.max(...applied.keys()) : null;
  const pending = entries.filter((e) => last === null || e.when > last);
  if (pending.length === 0) return;
  const file = db.$client.name;
  const upgrade = last !== null;
  if (upgrade && opts.backupDir && file !== ':memory:' && file !== '') {
    const now = (opts.now ?? systemClock)();
    const copy = path.join(opts.backupDir, preUpgradeName(now, opts.timeZone ?? 'Asia/Ho_Chi_Minh'));
    const started = performance.now();
    const { bytes } = backupDatabase(db, copy);
    opts.log?.info(
      {
        backup: copy,
        bytes,
        ms: Math.round(performance.now() - started),
        pending: pending.map((e) => e.tag),
      },
      'database backed up before migrating',
    );
  }
  migrate(db, { migrationsFolder: folder });
  for (const e of pending) opts.log?.info({ migration: e.tag, newDatabase: !upgrade }, 'migration applied');
}
