/** A clock for the sender that only moves when the test lets it: no real waiting. */
export class FakeClock {
  t = 0;
  private timers: { at: number; resolve: () => void }[] = [];

  readonly now = () => this.t;

  readonly sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), resolve });
    });

  /** Lets everything run, moving the clock from timer to timer, until `done` settles; returns its value. */
  async run<T>(done: Promise<T>, limitMs = 3_600_000): Promise<T> {
    let settled = false;
    const result = done.finally(() => {
      settled = true;
    });
    result.catch(() => undefined);
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return result;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) throw new Error(`nothing left to wait for at t=${this.t}, but the sends have not finished`);
      if (next.at > limitMs) throw new Error(`still waiting at t=${next.at}`);
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}
