import { describe, expect, it } from 'vitest';
import { Throttle } from '../../src/domain/throttle.js';

/* Failed attempts per key (an address, a user): a lock-out that grows, attempts counted as they begin, bounded memory. */

const MIN = 60_000;
const rules = { max: 3, windowMs: 10 * MIN, lockMs: MIN, maxLockMs: 8 * MIN };
const fail = (t: Throttle, key: string, at: number, times = 1) => {
  for (let i = 0; i < times; i++) t.hit(key, at);
};

describe('Throttle', () => {
  it('locks a key after `max` failures in the window, for a lock-out that doubles each time, up to a cap', () => {
    const t = new Throttle(rules);
    fail(t, 'a', 0, 2);
    expect(t.waitMs('a', 0)).toBe(0);
    expect(t.hit('a', 0)).toEqual({ recent: 3, lockedMs: MIN });
    expect(t.waitMs('a', 1000)).toBe(MIN - 1000);
    expect(t.waitMs('b', 1000)).toBe(0);
    // After each lock-out the key has `max` tries again; the next lock-out is twice as long: 2, 4, 8, 8 minutes.
    const locks: number[] = [];
    let at = MIN;
    for (let n = 0; n < 4; n++) {
      fail(t, 'a', at, 2);
      const { lockedMs } = t.hit('a', at);
      locks.push(lockedMs / MIN);
      expect(t.waitMs('a', at)).toBe(lockedMs);
      at += lockedMs;
    }
    expect(locks).toEqual([2, 4, 8, 8]);
  });

  it('forgets the growth once the key has been quiet for maxLockMs (or forgetMs)', () => {
    const t = new Throttle({ ...rules, forgetMs: 30 * MIN });
    fail(t, 'a', 0, 3);
    fail(t, 'a', MIN, 3);
    expect(t.waitMs('a', MIN)).toBe(2 * MIN);
    fail(t, 'a', 40 * MIN, 2);
    expect(t.hit('a', 40 * MIN).lockedMs).toBe(MIN);
  });

  it('counts an attempt when it begins: parallel attempts cannot pass together', () => {
    const t = new Throttle(rules);
    const began = Array.from({ length: 500 }, () => t.begin('a', 0));
    expect(began.filter((w) => w === 0)).toHaveLength(3);
    // Those refused are told to wait as long as the lock-out the running ones would bring.
    expect(began.filter((w) => w === MIN)).toHaveLength(497);
    for (let i = 0; i < 3; i++) t.end('a', 0, true);
    expect(t.waitMs('a', 0)).toBe(MIN);
  });

  it('a success does not wipe the key’s failures', () => {
    const t = new Throttle(rules);
    fail(t, 'a', 0, 2);
    expect(t.begin('a', 0)).toBe(0);
    expect(t.end('a', 0, false)).toEqual({ recent: 2, lockedMs: 0 });
    expect(t.hit('a', 0)).toEqual({ recent: 3, lockedMs: MIN });
  });

  it('failures leave the window: a slow pace is never locked', () => {
    const t = new Throttle(rules);
    for (let i = 0; i < 20; i++) expect(t.hit('a', i * 6 * MIN).lockedMs).toBe(0);
  });

  it('keeps at most maxKeys keys, forgetting the least recently used', () => {
    const t = new Throttle({ ...rules, max: 1, maxKeys: 2 });
    t.hit('a', 0);
    t.hit('b', 0);
    t.begin('a', 1); // a is used again (and refused): b is now the least recently used
    t.hit('c', 2);
    expect(t.size).toBe(2);
    expect([t.waitMs('a', 3) > 0, t.waitMs('b', 3) > 0, t.waitMs('c', 3) > 0]).toEqual([true, false, true]);
    for (let i = 0; i < 1000; i++) t.hit(`k${i}`, 3);
    expect(t.size).toBe(2);
  });

  it('drops the keys that have nothing left to remember, once per window', () => {
    const t = new Throttle({ ...rules, maxLockMs: MIN });
    fail(t, 'a', 0);
    fail(t, 'b', 0, 3); // locked for a minute
    t.begin('c', 0); // an attempt still running is kept
    fail(t, 'd', 5 * MIN);
    expect(t.size).toBe(4);
    fail(t, 'e', 10 * MIN + 1);
    // a's failure left the window, b's lock-out ended and was forgotten (maxLockMs); c runs; d's is recent.
    expect(t.size).toBe(3);
    expect([t.waitMs('c', 10 * MIN + 1), t.waitMs('d', 10 * MIN + 1)]).toEqual([0, 0]);
  });
});
