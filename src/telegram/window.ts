/**
 * At most `limit` calls per `ms`, counted the safe way: a call holds its slot from the moment it is sent
 * until `ms` after its answer came back. Telegram counts a call when it arrives, which is somewhere in
 * between, so however the network jitters, no window of `ms` at Telegram ever sees more than `limit`.
 * limit 0 = no limit.
 */
export class Window {
  private inFlight = 0;
  /** When each answered call frees its slot; ascending, as answers are recorded in time order. */
  private readonly ends: number[] = [];

  constructor(
    readonly limit: number,
    readonly ms: number,
  ) {}

  /** The earliest time one more call fits: `now` if it fits at once, Infinity until a call in flight answers. */
  freeAt(now: number): number {
    if (this.limit === 0) return now;
    this.prune(now);
    const over = this.inFlight + this.ends.length - this.limit;
    if (over < 0) return now;
    return this.ends[over] ?? Number.POSITIVE_INFINITY;
  }

  take(): void {
    if (this.limit > 0) this.inFlight++;
  }

  /** The call taken earlier has its answer (or failed) at `now`. */
  release(now: number): void {
    if (this.limit === 0) return;
    this.inFlight--;
    this.ends.push(now + this.ms);
  }

  /** Nothing in flight and nothing remembered: the owner may forget this window. */
  idle(now: number): boolean {
    this.prune(now);
    return this.inFlight === 0 && this.ends.length === 0;
  }

  private prune(now: number): void {
    let n = 0;
    while (n < this.ends.length && (this.ends[n] as number) <= now) n++;
    if (n > 0) this.ends.splice(0, n);
  }
}
