import cron from 'node-cron';
import type { Logger } from 'pino';

/** A scheduled job (the daily ones, the hourly housekeeping): stopped before the database closes; `runNow` runs it as the timer would. */
export interface Scheduler {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** Runs the job now (one at a time; a failure is logged, not thrown). */
  runNow(): Promise<void>;
}

export interface DailyJob {
  name: string;
  /** A cron expression in `timeZone`. */
  expression: string;
  timeZone: string;
  logger: Logger;
  now: () => Date;
  job: (now: Date) => Promise<unknown>;
  /** Whether a run missed while the bot was down is due at start. */
  catchUp: boolean;
  catchUpMessage: string;
  failMessage: string;
}

/** Cron wiring shared by the daily jobs: one run at a time, a failed run logged and the next one still run. */
export function scheduleDaily(o: DailyJob): Scheduler {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      try {
        await o.job(o.now());
      } catch (err) {
        o.logger.error({ err }, o.failMessage);
      }
    });
    return running;
  };
  const task = cron.schedule(o.expression, run, { timezone: o.timeZone, noOverlap: true, name: o.name });
  if (o.catchUp) {
    o.logger.info(o.catchUpMessage);
    void run();
  }
  return {
    async stop() {
      await task.stop();
      await running;
    },
    runNow: run,
  };
}
