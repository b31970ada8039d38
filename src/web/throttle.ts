/**
 * Failed attempts per key (a client's address) within a sliding window: after `max` of them the key waits
 * until the oldest leaves the window. Pure: the time is a parameter.
 */
export class Throttle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    /** Keys kept at most; past it, keys whose failures have all left the window are forgotten. */
    private readonly maxKeys = 10_000,
  ) {}

  /** How long `key` must wait before trying again, ms; 0 when it may try now. */
  waitMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    return recent.length < this.max ? 0 : (recent[0] as number) + this.windowMs - now;
  }

  failed(key: string, now: number): void {
    if (!this.failures.has(key) && this.failures.size >= this.maxKeys) this.prune(now);
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const key of this.failures.keys()) if (this.recent(key, now).length === 0) this.failures.delete(key);
  }
}
