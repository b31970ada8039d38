import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { currentUid, FILE_MODE_CEILING, tightenFile } from '../ops/files.js';
import { type Db, MIGRATIONS_FOLDER, openDatabase } from './client.js';
import { unknownMigrationsIn } from './migration-state.js';

/*
 * Backup and restore of the one SQLite file. A backup is `VACUUM INTO`: one read transaction, so the copy is
 * the database as of one instant, while the bot (WAL) keeps writing; it never restarts under load as the page
 * by page backup API does when another process writes. Every copy is checked before it counts. Every file made
 * here is 0640 or tighter, and a restored database keeps the owner and mode of the one it replaces
 * (docs/architecture.md, "Files and permissions").
 */

/** Why a file cannot be used (the CLI words each one for the administrator). */
export type BackupProblem =
  | 'missing'
  | 'not-sqlite'
  | 'corrupt'
  | 'foreign'
  | 'live-database'
  | 'target-not-sqlite'
  | 'in-use'
  | 'newer-version'
  | 'wrong-owner';

/** For 'wrong-owner': whose the live database is, and who ran the restore. */
export interface Owners {
  fileUid: number;
  runnerUid: number;
}

export class BackupError extends Error {
  constructor(
    readonly problem: BackupProblem,
    readonly file: string,
    detail = '',
    readonly owners?: Owners,
  ) {
    super(`${problem}: ${file}${detail ? ` (${detail})` : ''}`);
  }
}

export interface CheckedFile {
  bytes: number;
  /** Conference reports in the file. */
  reports: number;
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Tables only this bot's database has: the migration log and the unit tree. */
const OWN_TABLES = ['__drizzle_migrations', 'units', 'conference_reports'];

function hasSqliteHeader(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/** The same file, whether or not it exists yet (symbolic links followed where they exist). */
function sameFile(a: string, b: string): boolean {
  const real = (f: string) => {
    const abs = path.resolve(f);
    try {
      return fs.realpathSync(abs);
    } catch {
      return abs;
    }
  };
  return real(a) === real(b);
}

/** Checks an open database: integrity first, then that it is this bot's. */
function inspect(sqlite: Database.Database, file: string): CheckedFile {
  try {
    const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new BackupError('corrupt', file, problems.slice(0, 3).join('; '));
    const tables = new Set(
      sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[],
    );
    if (!OWN_TABLES.every((t) => tables.has(t))) throw new BackupError('foreign', file);
    const reports = sqlite.prepare('select count(*) from conference_reports').pluck().get() as number;
    return { bytes: fs.statSync(file).size, reports };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    // SQLITE_CORRUPT, SQLITE_NOTADB: pages so damaged that even the check cannot run.
    throw new BackupError('corrupt', file, (err as Error).message);
  }
}

/** A SQLite file of this bot that passes `PRAGMA integrity_check`, or a BackupError saying why not. */
export function checkDatabaseFile(file: string): CheckedFile {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError('missing', file);
  if (!hasSqliteHeader(file)) throw new BackupError('not-sqlite', file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError('corrupt', file, (err as Error).message);
  }
  try {
    return inspect(sqlite, file);
  } finally {
    sqlite.close();
  }
}

/** Flushes a file to disk: VACUUM INTO does not fsync what it writes. */
function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems refuse to open or sync a folder; the rename has happened all the same.
  }
}

/**
 * Copies the open database to `file` (replacing an earlier SQLite file there, never anything else) and checks
 * the copy. Written beside the target first and renamed, so `file` is always either the old or the new copy.
 */
export function backupDatabase(db: Db, file: string): CheckedFile {
  const target = path.resolve(file);
  const live = db.$client.name;
  if (['', '-wal', '-shm', '-journal'].some((s) => sameFile(target, `${live}${s}`)))
    throw new BackupError('live-database', file);
  if (fs.existsSync(target) && (!fs.statSync(target).isFile() || !hasSqliteHeader(target)))
    throw new BackupError('target-not-sqlite', file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp`;
  fs.rmSync(tmp, { force: true });
  try {
    db.$client.prepare('VACUUM INTO ?').run(tmp);
    // Under the entry points' umask it already is; a library caller's umask may be looser.
    tightenFile(tmp);
    fsyncFile(tmp);
    const checked = checkDatabaseFile(tmp);
    fs.renameSync(tmp, target);
    fsyncDir(path.dirname(target));
    return checked;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export interface Restored extends CheckedFile {
  /** The database as it was before, or null when there was none. */
  safetyCopy: string | null;
}

/** Whether another connection (another process: the bot) has the database open; one that cannot even be read counts as free. */
function holdIfFree(live: string): Database.Database | null {
  const sqlite = new Database(live, { fileMustExist: true, timeout: 300 });
  try {
    // In WAL mode every open connection holds a shared lock on the file, even when idle; only an exclusive
    // locking mode asks for the whole file (a plain BEGIN EXCLUSIVE would not see an idle bot).
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE; COMMIT');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return sqlite;
  } catch (err) {
    sqlite.close();
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      throw new BackupError('in-use', live);
    return null;
  }
}

export interface RestoreOptions {
  /** Who runs the restore: process.getuid by default (null where there is none); tests inject another. */
  uid?: () => number | null;
  /**
   * Takes the bot's lock (docs/architecture.md, "One running copy") once the file and the owner have been checked,
   * before anything is replaced; returns its release. Throws when a running bot holds it.
   */
  hold?: (owner: { uid: number; gid: number } | null) => () => void;
}

/** Owner and mode the restored file is given: the replaced file's, else the folder's owner when run as root. */
interface Keep {
  uid: number;
  gid: number;
  mode: number;
}

/**
 * What the restored file must keep, or a refusal before anything changes. Root restores for anyone (and gives the
 * file back to its owner); another user than the owner could replace the file but leave it to the wrong owner.
 */
function whatToKeep(live: string, me: number | null): Keep | null {
  if (fs.existsSync(live)) {
    const st = fs.statSync(live);
    if (me !== null && me !== 0 && me !== st.uid)
      throw new BackupError('wrong-owner', live, '', { fileUid: st.uid, runnerUid: me });
    // Its mode, without anything for others: a database copied about is every session and report.
    return { uid: st.uid, gid: st.gid, mode: st.mode & 0o7777 & ~0o007 };
  }
  // No database yet: as root, the file goes to whoever owns its folder (the service's data folder), not to root.
  const dir = path.dirname(path.resolve(live));
  if (me === 0 && fs.existsSync(dir)) {
    const st = fs.statSync(dir);
    return { uid: st.uid, gid: st.gid, mode: FILE_MODE_CEILING };
  }
  return null;
}

/** Gives `file` the kept owner (root only can) and mode; without one, the mode 0640 or tighter. */
function keep(file: string, k: Keep | null, me: number | null): void {
  if (!k) {
    tightenFile(file);
    return;
  }
  if (me === 0) fs.chownSync(file, k.uid, k.gid);
  fs.chmodSync(file, k.mode);
}

/**
 * Replaces the database at `live` with the checked copy `file`: keeps the current one at
 * `<live>.truoc-khoi-phuc-<stamp>`, refuses while another process has it open, then migrates the restored
 * file as the bot would at start. The restored file has the owner and mode of the one it replaces.
 */
export function restoreDatabase(
  live: string,
  file: string,
  stamp: string,
  options: RestoreOptions = {},
): Restored {
  if (sameFile(live, file)) throw new BackupError('live-database', file);
  checkDatabaseFile(file);
  // This version would refuse to open it (migrate-safely.ts): refused before anything is replaced.
  const unknown = unknownMigrationsIn(file, MIGRATIONS_FOLDER);
  if (unknown > 0) throw new BackupError('newer-version', file, `${unknown} migration(s) unknown`);
  const me = (options.uid ?? currentUid)();
  const kept = whatToKeep(live, me);
  const release = options.hold?.(kept && { uid: kept.uid, gid: kept.gid }) ?? (() => undefined);
  try {
    return replaceDatabase(live, file, stamp, me, kept);
  } finally {
    release();
  }
}

function replaceDatabase(
  live: string,
  file: string,
  stamp: string,
  me: number | null,
  kept: Keep | null,
): Restored {
  let safetyCopy: string | null = null;
  if (fs.existsSync(live)) {
    const held = holdIfFree(live);
    try {
      safetyCopy = `${live}.truoc-khoi-phuc-${stamp}`;
      fs.copyFileSync(live, safetyCopy);
      keep(safetyCopy, kept && { ...kept, mode: kept.mode & FILE_MODE_CEILING }, me);
      // Whatever the checkpoint could not fold in (a damaged database) stays with its copy.
      if (fs.existsSync(`${live}-wal`) && fs.statSync(`${live}-wal`).size > 0) {
        fs.copyFileSync(`${live}-wal`, `${safetyCopy}-wal`);
        keep(`${safetyCopy}-wal`, kept && { ...kept, mode: kept.mode & FILE_MODE_CEILING }, me);
      }
    } finally {
      held?.close();
    }
  }
  fs.mkdirSync(path.dirname(path.resolve(live)), { recursive: true });
  const tmp = `${live}.khoi-phuc.tmp`;
  fs.copyFileSync(file, tmp);
  keep(tmp, kept, me);
  fsyncFile(tmp);
  // A -wal or -shm left from the old database would be replayed into the new one.
  for (const s of ['-wal', '-shm', '-journal']) fs.rmSync(`${live}${s}`, { force: true });
  fs.renameSync(tmp, live);
  fsyncDir(path.dirname(path.resolve(live)));
  // SQLite, run as root, gives the -wal and -shm it creates the database file's owner; their mode is the file's.
  const db = openDatabase(live);
  try {
    return { ...inspect(db.$client, live), safetyCopy };
  } finally {
    db.$client.close();
  }
}
