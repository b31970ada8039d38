import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrationHash, migrationState } from '../db/migration-state.js';
import { currentUid, userName } from '../ops/files.js';
import type { CheckResult } from './doctor.js';
import { doctorMsg as M } from './doctor-messages.js';

/*
 * The database checks. Read-only in effect: the file is never created and no migration is applied (the
 * bot's openDatabase would do both), so the doctor reports the state the bot would start from. Writing is
 * tried for real, in a transaction rolled back: SQLite opens a file it may not write read-only without a word,
 * and only the first write fails ("attempt to write a readonly database"). Who owns the files and who may read
 * them: docs/architecture.md, "Files and permissions".
 */

export interface DatabaseCheckOptions {
  /** Opens the file as the doctor would (tests open it read-only to play a file the bot may not write). */
  open?: (file: string) => Database.Database;
  /** Who runs the doctor: process.getuid by default (null where there is none). */
  uid?: () => number | null;
}

const openForCheck = (file: string) => new Database(file, { fileMustExist: true });

/** The nearest folder that exists on the way up from `dir`. */
function existingAncestor(dir: string): string {
  let d = path.resolve(dir);
  while (!fs.existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

/** A folder the bot could create its file (or the missing folders) in. */
function writableFolder(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function checkDatabase(
  file: string,
  migrationsFolder: string,
  options: DatabaseCheckOptions = {},
): CheckResult[] {
  if (file === ':memory:') return [];
  if (!fs.existsSync(file)) {
    const dir = existingAncestor(path.dirname(file));
    return writableFolder(dir)
      ? [{ status: 'warn', text: M.dbMissing(file), fix: M.dbMissingFix }]
      : [{ status: 'fail', text: M.dbNotCreatable(file, dir), fix: M.dbNotCreatableFix }];
  }
  // As found, before this check opens the file (which makes a -wal and -shm of the file's owner).
  const filesFound = [...owners(file, (options.uid ?? currentUid)()), ...loose(file)];
  let sqlite: Database.Database;
  try {
    sqlite = (options.open ?? openForCheck)(file);
    sqlite.pragma('busy_timeout = 5000');
    // A file that is not a database opens fine; the first read says so.
    sqlite.pragma('schema_version');
  } catch (e) {
    const text = M.dbUnopenable(file, (e as Error).message);
    return [{ status: 'fail', text, fix: M.dbUnopenableFix }, ...filesFound];
  }
  try {
    const writeFailure = cannotWrite(sqlite);
    return [
      writeFailure === null
        ? { status: 'ok', text: M.dbFile(file) }
        : { status: 'fail', text: M.dbReadOnly(file, writeFailure), fix: M.dbReadOnlyFix },
      ...filesFound,
      ...damaged(() => integrity(sqlite)),
      ...damaged(() => [...migrations(sqlite, migrationsFolder), wal(sqlite)]),
    ];
  } finally {
    sqlite.close();
  }
}

/**
 * Why a write fails, or null when it does not: the write lock, then `user_version` set to itself, rolled back.
 * Nothing reaches the file, but SQLite wants it (and its -wal, -shm) open for writing.
 */
function cannotWrite(sqlite: Database.Database): string | null {
  try {
    const version = Number(sqlite.pragma('user_version', { simple: true }));
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      sqlite.pragma(`user_version = ${version}`);
    } finally {
      sqlite.exec('ROLLBACK');
    }
    return null;
  } catch (e) {
    // A damaged file is the integrity check's to report.
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return null;
    return (e as Error).message;
  }
}

/**
 * Run as root, the doctor can write anything: what it can say is that the database (or its -wal, -shm) belongs
 * to root while its folder belongs to someone else, the service's user most likely, who then cannot write it
 * (a restore or a start run as root leaves that behind).
 */
function owners(file: string, me: number | null): CheckResult[] {
  if (me !== 0) return [];
  const folder = fs.statSync(path.dirname(path.resolve(file)));
  if (folder.uid === 0) return [];
  const rootOwned = ['', '-wal', '-shm']
    .map((s) => `${file}${s}`)
    .filter((f) => fs.existsSync(f) && fs.statSync(f).uid === 0);
  if (rootOwned.length === 0) return [];
  const who = userName(folder.uid) ?? String(folder.uid);
  return [
    {
      status: 'warn',
      text: M.dbOwnedByRoot(rootOwned.join(', '), who),
      fix: M.dbOwnedByRootFix(rootOwned.join(' '), who, folder.gid),
    },
  ];
}

/** The file readable by others, or writable by its group: a database made before the bot set its umask. */
function loose(file: string): CheckResult[] {
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o027) === 0) return [];
  return [{ status: 'warn', text: M.dbLoose(file, mode.toString(8)), fix: M.dbLooseFix(file) }];
}

/** A damaged file can make any read throw ("database disk image is malformed"): that is a finding too. */
function damaged(checks: () => CheckResult | CheckResult[]): CheckResult[] {
  try {
    return [checks()].flat();
  } catch (e) {
    if (!(e instanceof Database.SqliteError)) throw e;
    return [{ status: 'fail', text: M.integrityBad(e.message), fix: M.integrityFix }];
  }
}

function integrity(sqlite: Database.Database): CheckResult {
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  const lines = rows.map((r) => r.integrity_check);
  if (lines.length === 1 && lines[0] === 'ok') return { status: 'ok', text: M.integrityOk };
  return { status: 'fail', text: M.integrityBad(lines.slice(0, 3).join('; ')), fix: M.integrityFix };
}

/** drizzle's migrator records each migration by the journal's `when` (created_at) and the file's sha256. */
function migrations(sqlite: Database.Database, folder: string): CheckResult[] {
  const { entries, applied, unknown } = migrationState(sqlite, folder);
  if (!applied) return [{ status: 'fail', text: M.migrationsNone, fix: M.migrationsNoneFix }];
  const pending = entries.filter((e) => !applied.has(e.when));
  const edited = entries.filter((e) => {
    const hash = applied.get(e.when);
    return hash !== undefined && migrationHash(folder, e.tag) !== hash;
  });

  const results: CheckResult[] = [];
  if (unknown.length > 0)
    results.push({ status: 'fail', text: M.migrationsUnknown(unknown.length), fix: M.migrationsUnknownFix });
  if (pending.length > 0) {
    const tags = pending.map((e) => e.tag).join(', ');
    const text = M.migrationsPending(pending.length, entries.length, tags);
    // After the last applied: what the bot applies at its next start, after a copy (an upgrade). Before it: never.
    const last = Math.max(0, ...applied.keys());
    const status = pending.every((e) => e.when > last) ? 'warn' : 'fail';
    results.push({ status, text, fix: M.migrationsPendingFix });
  }
  if (edited.length > 0) {
    const tags = edited.map((e) => e.tag).join(', ');
    results.push({ status: 'warn', text: M.migrationsEdited(tags), fix: M.migrationsEditedFix });
  }
  if (results.length === 0)
    results.push({ status: 'ok', text: M.migrationsOk(entries.length, entries.at(-1)?.tag ?? '') });
  return results;
}

function wal(sqlite: Database.Database): CheckResult {
  const mode = String(sqlite.pragma('journal_mode', { simple: true }));
  return mode.toLowerCase() === 'wal'
    ? { status: 'ok', text: M.walOk }
    : { status: 'warn', text: M.walOff(mode), fix: M.walOffFix };
}
