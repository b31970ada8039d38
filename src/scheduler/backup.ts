import type { Logger } from 'pino';
import { isoDateIn, minuteOfDayIn } from '../domain/vn.js';
import { type Scheduler, scheduleDaily } from './daily.js';
import type { DailyTime } from './index.js';

/*
 * Cron wiring for the daily backup at BACKUP_TIME every day in the office's time zone, and, at start, once
 * when today's copy is missing and its time has passed (the bot was down then). The copy itself is a job.
 */

export interface BackupScheduleOptions {
  time: DailyTime;
  timeZone: string;
  logger: Logger;
  backup: (now: Date) => Promise<unknown>;
  /** Whether the copy for that ISO day exists. */
  doneOn: (day: string) => boolean;
  now: () => Date;
}

export function backupDue(
  now: Date,
  o: Pick<BackupScheduleOptions, 'time' | 'timeZone' | 'doneOn'>,
): boolean {
  return (
    minuteOfDayIn(now, o.timeZone) >= o.time.hour * 60 + o.time.minute &&
    !o.doneOn(isoDateIn(now, o.timeZone))
  );
}

export function startBackupScheduler(o: BackupScheduleOptions): Scheduler {
  return scheduleDaily({
    name: 'database-backup',
    expression: `${o.time.minute} ${o.time.hour} * * *`,
    timeZone: o.timeZone,
    logger: o.logger,
    now: o.now,
    job: o.backup,
    catchUp: backupDue(o.now(), o),
    catchUpMessage: "taking today's database backup missed while the bot was down",
    // One failed copy (a full disk, a folder gone) must not stop tomorrow's.
    failMessage: 'database backup failed',
  });
}
