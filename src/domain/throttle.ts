/*
 * Failed attempts per key (a client's address, a user), or uses of something limited: guessing a code must be
 * slow (docs/architecture.md, "Limits"). Pure: the time is a parameter.
 */

export interface ThrottleRules {
  /** Failures within `windowMs` (attempts still running count too) that lock a key. */
  max: number;
  windowMs: number;
  /** The first lock-out; each next one twice the one before, up to `maxLockMs`. */
  lockMs: number;
  maxLockMs: number;
  /** A key with no failure for this long starts again from the first lock-out; default `maxLockMs`. */
  forgetMs?: number;
  /** Keys kept at most; past it, the least recently used is forgotten. Default 10.000. */
  maxKeys?: number;
}

/** What a failure did: the key's failures in the window (this one included), and the lock-out it brought. */
export interface Failure {
  recent: number;
  lockedMs: number;
}

interface Entry {
  /** Instants of the failures in the window, oldest first. */
  failures: number[];
  /** Attempts begun and not yet ended. */
  running: number;
  lockedUntil: number;
  /** Lock-outs so far: the next one lasts lockMs × 2^locks. */
  locks: number;
  lastFailure: number;
}

export class Throttle {
  /** In order of use, the least recently used first (a Map keeps insertion order). */
  private readonly keys = new Map<string, Entry>();
  private prunedAt = Number.NEGATIVE_INFINITY;
  private readonly forgetMs: number;
  private readonly maxKeys: number;

  constructor(private readonly rules: ThrottleRules) {
    this.forgetMs = rules.forgetMs ?? rules.maxLockMs;
    this.maxKeys = rules.maxKeys ?? 10_000;
  }

  get size(): number {
    return this.keys.size;
  }

  /** How long `key` must wait before trying again, ms; 0 when it may try now. */
  waitMs(key: string, now: number): number {
    const e = this.keys.get(key);
    if (!e) return 0;
    if (e.lockedUntil > now) return e.lockedUntil - now;
    if (this.recent(e, now) + e.running < this.rules.max) return 0;
    // The attempts still running would lock the key if they failed: as long as that lock-out.
    return this.nextLockMs(e, now);
  }

  /**
   * An attempt begins: 0 when it may go on (it is counted from now on, so that attempts made together cannot
   * all pass), else how long the key must wait. Every attempt that went on is ended with `end`.
   */
  begin(key: string, now: number): number {
    const wait = this.waitMs(key, now);
    const e = this.use(key, now);
    if (wait === 0) e.running++;
    return wait;
  }

  /** Ends an attempt `begin` let go on. A success takes nothing away: the failures before it still count. */
  end(key: string, now: number, failed: boolean): Failure {
    const e = this.keys.get(key);
    if (!e) return { recent: 0, lockedMs: 0 };
    e.running = Math.max(0, e.running - 1);
    return failed ? this.fail(e, now) : { recent: this.recent(e, now), lockedMs: 0 };
  }

  /** What counts against the key at once, with no `begin`: a failure known at once, or a use that is limited. */
  hit(key: string, now: number): Failure {
    return this.fail(this.use(key, now), now);
  }

  private fail(e: Entry, now: number): Failure {
    if (now - e.lastFailure > this.forgetMs) e.locks = 0;
    e.lastFailure = now;
    e.failures = e.failures.filter((at) => at > now - this.rules.windowMs);
    e.failures.push(now);
    const recent = e.failures.length;
    if (recent < this.rules.max) return { recent, lockedMs: 0 };
    const lockedMs = this.nextLockMs(e, now);
    e.locks++;
    e.lockedUntil = now + lockedMs;
    e.failures = [];
    return { recent, lockedMs };
  }

  private nextLockMs(e: Entry, now: number): number {
    const locks = now - e.lastFailure > this.forgetMs ? 0 : e.locks;
    return Math.min(this.rules.lockMs * 2 ** Math.min(locks, 52), this.rules.maxLockMs);
  }

  private recent(e: Entry, now: number): number {
    let n = 0;
    for (const at of e.failures) if (at > now - this.rules.windowMs) n++;
    return n;
  }

  /** The key's entry, made the most recently used; a new one may push out the least recently used. */
  private use(key: string, now: number): Entry {
    this.pruneOncePerWindow(now);
    let e = this.keys.get(key);
    if (e) this.keys.delete(key);
    else e = { failures: [], running: 0, lockedUntil: 0, locks: 0, lastFailure: now };
    this.keys.set(key, e);
    if (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value as string);
    return e;
  }

  /** Forgets the keys with nothing left to remember: a pass over the keys once per window, not per new key. */
  private pruneOncePerWindow(now: number): void {
    if (now - this.prunedAt < this.rules.windowMs) return;
    this.prunedAt = now;
    for (const [key, e] of this.keys) {
      const idle = e.running === 0 && e.lockedUntil <= now && this.recent(e, now) === 0;
      if (idle && (e.locks === 0 || now - e.lastFailure > this.forgetMs)) this.keys.delete(key);
    }
  }
}
