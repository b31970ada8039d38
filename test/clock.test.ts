import { describe, expect, it } from 'vitest';
import { clockFrom, processClock, systemClock } from '../src/clock.js';

describe('the process clock', () => {
  it('starts at CLOCK_START and runs on at the machine’s pace', () => {
    let machine = 1_000_000;
    const clock = clockFrom(new Date('2026-12-31T16:59:00Z'), () => machine);
    expect(clock().toISOString()).toBe('2026-12-31T16:59:00.000Z');
    machine += 61_000;
    expect(clock().toISOString()).toBe('2026-12-31T17:00:01.000Z');
  });

  it('is the machine’s without CLOCK_START', () => {
    expect(processClock(undefined)).toBe(systemClock);
    expect(Math.abs(processClock(undefined)().getTime() - Date.now())).toBeLessThan(1000);
  });
});
