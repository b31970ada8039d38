import { describe, expect, it } from 'vitest';
import { cronExpression, shouldCatchUp } from '../../src/scheduler/index.js';

const opts = (ran: string[] = []) => ({
  time: { hour: 8, minute: 0 },
  weekdays: [1, 2, 3, 4, 5],
  timeZone: 'Asia/Ho_Chi_Minh',
  ranOn: (day: string) => ran.includes(day),
});

describe('the schedule', () => {
  it('writes the cron expression with Sunday as 0', () => {
    expect(cronExpression({ hour: 8, minute: 0 }, [1, 2, 3, 4, 5])).toBe('0 8 * * 1,2,3,4,5');
    expect(cronExpression({ hour: 7, minute: 30 }, [6, 7])).toBe('30 7 * * 6,0');
  });

  it.each([
    ['Friday 09:30 in Hà Nội, not run today', '2026-11-27T02:30:00Z', [], true],
    ['Friday 09:30, already run', '2026-11-27T02:30:00Z', ['2026-11-27'], false],
    ['Friday 07:59, before the time', '2026-11-27T00:59:00Z', [], false],
    ['Friday 17:00, the office has closed', '2026-11-27T10:00:00Z', [], false],
    ['Saturday 09:00', '2026-11-28T02:00:00Z', [], false],
    ['Monday 00:30 in Hà Nội (still Sunday in UTC)', '2026-11-29T17:30:00Z', [], false],
  ])('catches up a missed sweep at start: %s', (_name, now, ran, expected) => {
    expect(shouldCatchUp(new Date(now), opts(ran))).toBe(expected);
  });
});
