import type { Logger } from 'pino';
import { type Scheduler, scheduleDaily } from './daily.js';

/*
 * Cron wiring for the hourly housekeeping (jobs/housekeeping.ts): at start, then at minute 17 of every hour
 * (off the hour, when the reminder sweep and the backup start).
 */

export const HOUSEKEEPING_CRON = '17 * * * *';

export interface HousekeepingOptions {
  timeZone: string;
  logger: Logger;
  now: () => Date;
  /** Prunes; returns how many rows each prune removed. */
  job: (now: Date) => Record<string, number>;
}

export function startHousekeeping(o: HousekeepingOptions): Scheduler {
  return scheduleDaily({
    name: 'housekeeping',
    expression: HOUSEKEEPING_CRON,
    timeZone: o.timeZone,
    logger: o.logger,
    now: o.now,
    job: async (at) => {
      const pruned = o.job(at);
      if (Object.values(pruned).some((n) => n > 0)) o.logger.info({ pruned }, 'housekeeping');
    },
    catchUp: true,
    catchUpMessage: 'housekeeping at start',
    failMessage: 'housekeeping failed',
  });
}
