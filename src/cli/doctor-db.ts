import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrationHash, migrationState } from '../db/migration-state.js';
import type { CheckResult } from './doctor.js';
import { doctorMsg as M } from './doctor-messages.js';

/*
 * The database checks. Read-only in effect: the file is never created and no migration is applied (the
 * bot's openDatabase would do both), so the doctor reports the state the bot would start from.
 */

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

export function checkDatabase(file: string, migrationsFolder: string): CheckResult[] {
  if (file === ':memory:') return [];
  if (!fs.existsSync(file)) {
    const dir = existingAncestor(path.dirname(file));
    return writableFolder(dir)
      ? [{ status: 'warn', text: M.dbMissing(file), fix: M.dbMissingFix }]
      : [{ status: 'fail', text: M.dbNotCreatable(file, dir), fix: M.dbNotCreatableFix }];
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    // A file that is not a database opens fine; the first read says so.
    sqlite.pragma('schema_version');
  } catch (e) {
    return [{ status: 'fail', text: M.dbUnopenable(file, (e as Error).message), fix: M.dbUnopenableFix }];
  }
  try {
    return [
      { status: 'ok', text: M.dbFile(file) },
      ...damaged(() => integrity(sqlite)),
      ...damaged(() => [...migrations(sqlite, migrationsFolder), wal(sqlite)]),
    ];
  } finally {
    sqlite.close();
  }
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
