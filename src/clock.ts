/*
 * The one clock of the process (docs/architecture.md, "Time"). main.ts, the CLI and the sandbox make it once and
 * pass it down; below them time is a parameter (`now: () => Date` or `now: Date`). CLOCK_START runs the whole
 * process as if it had been started at that instant (a drill, an end-to-end test at 31/12 23:59): the clock then
 * moves on at the machine's pace. Timers (cron, rate limits, time-outs) still count real time.
 */

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that reads `start` now and runs on from there; `real` is the machine's clock in milliseconds. */
export function clockFrom(start: Date, real: () => number = Date.now): Clock {
  const offset = start.getTime() - real();
  return () => new Date(real() + offset);
}

/** The process's clock: the machine's, or one started at CLOCK_START. */
export const processClock = (start: Date | undefined): Clock => (start ? clockFrom(start) : systemClock);
