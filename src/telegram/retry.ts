/*
 * Trying again while Telegram cannot be reached (docs/architecture.md, "Start-up without Telegram"): a growing
 * wait, 1 s doubled after each failed try up to 60 s, jittered so that bots restarted together by a power cut do
 * not all knock at once. Sleep and randomness are parameters: the unit tests never wait.
 */

export interface Backoff {
  firstMs: number;
  maxMs: number;
  /** The wait is the doubled one times a random factor in [1 − jitter, 1 + jitter], never past maxMs. */
  jitter: number;
}

export const JOIN_BACKOFF: Backoff = { firstMs: 1000, maxMs: 60_000, jitter: 0.2 };

/** The wait after the `failures`-th failed try in a row (1 = the first). */
export function backoffMs(failures: number, random: () => number, b: Backoff = JOIN_BACKOFF): number {
  const doubled = Math.min(b.maxMs, b.firstMs * 2 ** Math.max(0, failures - 1));
  return Math.min(b.maxMs, Math.round(doubled * (1 - b.jitter + 2 * b.jitter * random())));
}

/** The process is stopping: a wait was cut short, and nothing more is tried. */
export class StoppedError extends Error {
  override readonly name = 'StoppedError';
  constructor(message = 'stopping') {
    super(message);
  }
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout as a promise, cut short (StoppedError) when `signal` aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new StoppedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** What a failed try means: try again (after at least `waitAtLeastMs`, e.g. a 429's retry_after), or give up. */
export type Verdict = { retry: true; waitAtLeastMs?: number } | { retry: false };

export interface RetryOptions {
  judge(err: unknown): Verdict;
  /** Called once per failed try that will be tried again, before the wait. */
  onRetry(r: { failures: number; error: unknown; waitMs: number }): void;
  signal?: AbortSignal;
  sleep?: Sleep;
  random?: () => number;
  backoff?: Backoff;
}

/**
 * Runs `attempt` until it succeeds; a failure the judge will not retry is thrown as it is. Once `signal` aborts,
 * the wait ends and StoppedError is thrown.
 */
export async function keepTrying<T>(attempt: () => Promise<T>, o: RetryOptions): Promise<T> {
  const pause = o.sleep ?? sleep;
  const random = o.random ?? Math.random;
  let failures = 0;
  for (;;) {
    if (o.signal?.aborted) throw new StoppedError();
    try {
      return await attempt();
    } catch (err) {
      if (o.signal?.aborted) throw new StoppedError();
      const verdict = o.judge(err);
      if (!verdict.retry) throw err;
      failures++;
      const waitMs = Math.max(backoffMs(failures, random, o.backoff), verdict.waitAtLeastMs ?? 0);
      o.onRetry({ failures, error: err, waitMs });
      await pause(waitMs, o.signal);
    }
  }
}
