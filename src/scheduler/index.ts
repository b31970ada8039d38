import type { Logger } from 'pino';
import { inZone, isoDateIn, minuteOfDayIn } from '../domain/vn.js';
import { type Scheduler, scheduleDaily } from './daily.js';

/*
 * Cron wiring only: the daily reminder sweep at REMINDER_TIME on REMINDER_DAYS in the office's time
 * zone, and, at start, once for a sweep missed while the bot was down. The sweep itself is a job.
 */

export interface DailyTime {
  hour: number;
  minute: number;
}

export interface SchedulerOptions {
  time: DailyTime;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
  timeZone: string;
  logger: Logger;
  sweep: (now: Date) => Promise<unknown>;
  /** Whether the sweep for that ISO day has already run. */
  ranOn: (day: string) => boolean;
  now: () => Date;
}

/** No reminder is written after office hours, catch-up included. */
export const OFFICE_END_HOUR = 17;

/** `0 8 * * 1,2,3,4,5` (cron counts Sunday as 0). */
export const cronExpression = (t: DailyTime, weekdays: readonly number[]) =>
  `${t.minute} ${t.hour} * * ${weekdays.map((d) => d % 7).join(',')}`;

/** The bot starts on a sweep day after the sweep time, before the office closes, and today's has not run. */
export function shouldCatchUp(
  now: Date,
  o: Pick<SchedulerOptions, 'time' | 'weekdays' | 'timeZone' | 'ranOn'>,
): boolean {
  // ISO weekday: Monday 1 … Sunday 7 (getDay counts Sunday as 0).
  const weekday = inZone(now, o.timeZone).getDay() || 7;
  const minutes = minuteOfDayIn(now, o.timeZone);
  const due = o.time.hour * 60 + o.time.minute;
  return (
    o.weekdays.includes(weekday) &&
    minutes >= due &&
    minutes < OFFICE_END_HOUR * 60 &&
    !o.ranOn(isoDateIn(now, o.timeZone))
  );
}

/**
 * A sweep of `day` that could not reach everyone may run again now: it is still that day in the office, and the
 * office is still open (docs/architecture.md, "Start-up without Telegram").
 */
export function stillRemindingOn(day: string, now: Date, timeZone: string): boolean {
  return isoDateIn(now, timeZone) === day && minuteOfDayIn(now, timeZone) < OFFICE_END_HOUR * 60;
}

export type { Scheduler } from './daily.js';

export function startScheduler(o: SchedulerOptions): Scheduler {
  return scheduleDaily({
    name: 'reminder-sweep',
    expression: cronExpression(o.time, o.weekdays),
    timeZone: o.timeZone,
    logger: o.logger,
    now: o.now,
    job: o.sweep,
    catchUp: shouldCatchUp(o.now(), o),
    catchUpMessage: 'catching up the reminder sweep missed while the bot was down',
    failMessage: 'reminder sweep failed',
  });
}
