/* `backup FILE` (while the bot runs) and `restore FILE` (with the bot stopped). */
import path from 'node:path';
import { BackupError, backupDatabase, restoreDatabase } from '../db/backup.js';
import { type CliContext, CliError } from './context.js';
import { backupMsg } from './messages.js';

export type RestoreContext = Pick<CliContext, 'out' | 'err' | 'now' | 'timeZone'> & { databasePath: string };

function refusal(e: unknown, databasePath: string): never {
  if (e instanceof BackupError) throw new CliError(backupMsg.problem(e.problem, e.file, databasePath));
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
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}-${get('hour')}${get('minute')}${get('second')}`;
}

export function runRestore(ctx: RestoreContext, file: string): number {
  const live = ctx.databasePath;
  if (live === ':memory:') throw new CliError(backupMsg.noFile);
  try {
    const r = restoreDatabase(path.resolve(live), file, stamp(ctx.now, ctx.timeZone));
    ctx.out(backupMsg.restored(live, file, r.reports, r.safetyCopy));
    return 0;
  } catch (e) {
    refusal(e, live);
  }
}
