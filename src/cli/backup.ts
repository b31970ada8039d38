/* `backup FILE` (while the bot runs) and `restore FILE` (with the bot stopped). */
import fs from 'node:fs';
import path from 'node:path';
// The subpath: the package's index costs start-up for one function.
import { format } from 'date-fns/format';
import { BackupError, backupDatabase, type RestoreOptions, restoreDatabase } from '../db/backup.js';
import { inZone } from '../domain/vn.js';
import { currentUid } from '../ops/files.js';
import { LockHeldError, lockDatabase } from '../ops/lock.js';
import { type CliContext, CliError } from './context.js';
import { lockHolder } from './doctor-messages.js';
import { backupMsg } from './messages.js';

export type RestoreContext = Pick<CliContext, 'out' | 'err' | 'now' | 'timeZone'> & {
  databasePath: string;
} & RestoreOptions;

function refusal(e: unknown, databasePath: string, file = e instanceof BackupError ? e.file : ''): never {
  if (e instanceof BackupError)
    throw new CliError(backupMsg.problem(e.problem, file, databasePath, e.owners));
  throw e;
}

export function runBackup(ctx: CliContext, file: string): number {
  const started = performance.now();
  try {
    const { bytes, reports } = backupDatabase(ctx.db, file);
    ctx.out(backupMsg.backedUp(file, bytes, reports, Math.round(performance.now() - started)));
    return 0;
  } catch (e) {
    refusal(e, ctx.db.$client.name);
  }
}

/** `20261128-143005`, the office's wall clock: names the safety copy of the database being replaced. */
function stamp(now: Date, timeZone: string): string {
  return format(inZone(now, timeZone), 'yyyyMMdd-HHmmss');
}

export function runRestore(ctx: RestoreContext, file: string): number {
  const live = ctx.databasePath;
  if (live === ':memory:') throw new CliError(backupMsg.noFile);
  // The bot's own lock (docs/architecture.md, "One running copy"), once the file and its owner are checked: a
  // running bot, or a second restore, holds it; nor can a bot start while the file is being replaced.
  const hold = (owner: { uid: number; gid: number } | null) => {
    try {
      const lock = lockDatabase(live, { command: 'restore', now: () => ctx.now });
      // Run as root, the lock file goes to the database's owner, or the bot could not take it at its next start.
      if (owner && (ctx.uid ?? currentUid)() === 0) fs.chownSync(lock.file, owner.uid, owner.gid);
      return () => lock.release();
    } catch (e) {
      if (!(e instanceof LockHeldError)) throw e;
      const since = e.owner ? format(inZone(new Date(e.owner.since), ctx.timeZone), 'HH:mm dd/MM/yyyy') : '';
      throw new CliError(
        `${backupMsg.problem('in-use', file, live)}\n${backupMsg.heldBy(lockHolder(e.owner, since))}`,
      );
    }
  };
  try {
    const r = restoreDatabase(path.resolve(live), file, stamp(ctx.now, ctx.timeZone), { uid: ctx.uid, hold });
    ctx.out(backupMsg.restored(live, file, r.reports, r.safetyCopy));
    return 0;
  } catch (e) {
    // A refusal about the live database's owner names the backup in its hint (the command to run again).
    refusal(e, live, e instanceof BackupError && e.problem === 'wrong-owner' ? file : undefined);
  }
}
