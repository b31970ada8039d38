import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/*
 * One running copy per database (docs/architecture.md, "One running copy"). The lock is an operating-system
 * lock, not a pid in a file: `<database>.lock` is a small SQLite file held in exclusive locking mode, and the
 * system releases it when the process ends in any way (a crash, `kill -9`, a power cut), so there is never a
 * stale lock to delete by hand. Who holds it is written beside it, `<database>.lock.json`, once the lock is
 * taken, so that a second copy can say which process it met.
 */

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO instant. */
  since: string;
  /** What holds it: `bot` (npm start), `restore`, … */
  command: string;
}

export class LockHeldError extends Error {
  constructor(
    readonly file: string,
    /** Null when the holder has not written it yet, or it could not be read. */
    readonly owner: LockOwner | null,
  ) {
    super(`${file} is held${owner ? ` by pid ${owner.pid} on ${owner.host} (${owner.command})` : ''}`);
  }
}

export interface DatabaseLock {
  readonly file: string;
  release(): void;
}

export const lockFileOf = (databasePath: string) => `${path.resolve(databasePath)}.lock`;
const ownerFileOf = (lockFile: string) => `${lockFile}.json`;

/** Who holds the lock of `databasePath`, as they wrote it; null when no one wrote it or it cannot be read. */
export function lockOwner(databasePath: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(ownerFileOf(lockFileOf(databasePath)), 'utf8')) as LockOwner;
    return typeof o.pid === 'number' ? o : null;
  } catch {
    return null;
  }
}

const isBusy = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

/**
 * Takes the lock of `databasePath` for this process, or throws LockHeldError naming its holder. Nothing for an
 * in-memory database. The lock lasts until `release()` or the end of the process.
 */
export function lockDatabase(databasePath: string, o: { command: string; now: () => Date }): DatabaseLock {
  if (databasePath === ':memory:') return { file: '', release: () => undefined };
  const file = lockFileOf(databasePath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file, { timeout: 0 });
  try {
    // Exclusive locking mode: the first write takes the file's exclusive lock and keeps it after COMMIT.
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (at TEXT); DELETE FROM held; COMMIT');
  } catch (err) {
    sqlite.close();
    if (isBusy(err)) throw new LockHeldError(file, lockOwner(databasePath));
    // A lock file this user may not write (made by root?): say which file.
    throw new Error(`cannot take the lock ${file}: ${(err as Error).message}`, { cause: err });
  }
  const owner: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    since: o.now().toISOString(),
    command: o.command,
  };
  const ownerFile = ownerFileOf(file);
  fs.writeFileSync(`${ownerFile}.tmp`, `${JSON.stringify(owner)}\n`);
  fs.renameSync(`${ownerFile}.tmp`, ownerFile);
  let held = true;
  return {
    file,
    release() {
      if (!held) return;
      held = false;
      fs.rmSync(ownerFile, { force: true });
      sqlite.close();
    },
  };
}

/** Whether a running process holds the lock of `databasePath` (the doctor asks; it takes nothing). */
export function isLocked(databasePath: string): boolean {
  const file = lockFileOf(databasePath);
  if (!fs.existsSync(file)) return false;
  const sqlite = new Database(file, { timeout: 0, readonly: true, fileMustExist: true });
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return false;
  } catch (err) {
    if (isBusy(err)) return true;
    throw err;
  } finally {
    sqlite.close();
  }
}
