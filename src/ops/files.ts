import fs from 'node:fs';

/*
 * Who may read the files the bot writes (docs/architecture.md, "Files and permissions"): the database, its -wal
 * and -shm, the backups and the CLI's exports hold every report and the web sessions, so none of them is ever
 * readable by others or writable by the group, whatever umask the shell, systemd or Docker started us with.
 */

/** Taken away from every file the process creates: the group's write, and everything of others. */
export const UMASK_FLOOR = 0o027;

/** The loosest mode a file the bot creates or copies may have: rw-r-----. */
export const FILE_MODE_CEILING = 0o640;

/**
 * Makes the process's umask at least 0o027 (never looser than it was): the first thing each entry point does,
 * before anything is created. Returns the umask now in force.
 */
export function tightenUmask(): number {
  // process.umask() without an argument is deprecated: setting returns the old value.
  const old = process.umask(UMASK_FLOOR);
  const mask = old | UMASK_FLOOR;
  process.umask(mask);
  return mask;
}

/**
 * Gives a file the bot made by copying (fs.copyFileSync keeps the source's mode) or renaming a mode no looser
 * than `mode` (0o640 by default): the bits of its current mode that `mode` also has.
 */
export function tightenFile(file: string, mode = FILE_MODE_CEILING): void {
  const current = fs.statSync(file).mode & 0o7777;
  const tightened = current & mode;
  if (tightened !== current) fs.chmodSync(file, tightened);
}

/** The process's user id (process.getuid), or null where there is none (Windows). */
export function currentUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/** The login name of `uid` from /etc/passwd, or null when it is not there (or there is no such file). */
export function userName(uid: number, passwd = '/etc/passwd'): string | null {
  try {
    for (const line of fs.readFileSync(passwd, 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id !== undefined && Number(id) === uid && id.trim() !== '') return name;
    }
  } catch {
    // No passwd file (a container without one, Windows): the uid alone is said.
  }
  return null;
}
