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

  /** With `spread`, when the next call may go; timers fire late, so it advances from itself, not from `now`. */
  private nextSlot = Number.NEGATIVE_INFINITY;

  /** `spread`: also keep ms/limit between calls, so a backlog goes out evenly rather than in bursts of `limit`. */
  constructor(
    readonly limit: number,
    readonly ms: number,
    private readonly spread = false,
  ) {}

  /** The earliest time one more call fits: `now` if it fits at once, Infinity until a call in flight answers. */
  freeAt(now: number): number {
    if (this.limit === 0) return now;
    this.prune(now);
    const gapEnds = this.spread ? this.nextSlot : now;
    const over = this.inFlight + this.ends.length - this.limit;
    if (over < 0) return Math.max(now, gapEnds);
    return Math.max(gapEnds, this.ends[over] ?? Number.POSITIVE_INFINITY);
  }

  take(now: number): void {
    if (this.limit === 0) return;
    this.inFlight++;
    const gap = this.ms / this.limit;
    this.nextSlot = (this.nextSlot > now - gap ? this.nextSlot : now) + gap;
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
