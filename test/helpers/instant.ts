/**
 * The instant the tests run the bot at. CI runs the date-sensitive end-to-end tests again at several fixed
 * instants (`TEST_INSTANT=2026-12-31T23:59:00+07:00`, see .ci/instants); without it, the moment this module
 * loads. Every bot and CLI a test starts gets it as CLOCK_START (src/clock.ts), and the seed data and the
 * expected figures are computed from it, so the test and the bot agree on "today".
 */
import { type Clock, clockFrom } from '../../src/clock.js';
import { isoDateIn } from '../../src/domain/vn.js';

export const TEST_TIME_ZONE = 'Asia/Ho_Chi_Minh';

function fromEnv(): Date {
  const value = process.env.TEST_INSTANT?.trim();
  if (!value) return new Date();
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new Error(`TEST_INSTANT is not an instant: ${value}`);
  return at;
}

export const TEST_INSTANT: Date = fromEnv();
/** CLOCK_START for the processes a test starts. */
export const TEST_CLOCK_START = TEST_INSTANT.toISOString();
/** The test's own clock: TEST_INSTANT when this module loaded, moving on since. */
export const testClock: Clock = clockFrom(TEST_INSTANT);
/** "Today" (yyyy-mm-dd) in the office's time zone, at TEST_INSTANT. */
export const testToday = isoDateIn(TEST_INSTANT, TEST_TIME_ZONE);
export const testYear = Number(testToday.slice(0, 4));
