import { describe, expect, it } from 'vitest';
import { backoffMs, keepTrying, StoppedError, type Verdict } from '../../src/telegram/retry.js';

/** A sleep that only records: no test waits. */
function recordingSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    waits.push(ms);
    if (signal?.aborted) throw new StoppedError();
  };
  return { waits, sleep };
}

const retryAll = (): Verdict => ({ retry: true });

describe('backoffMs', () => {
  it('starts at 1 s and doubles up to 60 s', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffMs(n, middle))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('is jittered by up to a fifth either way, and never past 60 s', () => {
    expect(backoffMs(1, () => 0)).toBe(800);
    expect(backoffMs(1, () => 1)).toBe(1200);
    expect(backoffMs(3, () => 0.25)).toBe(3600);
    expect(backoffMs(7, () => 0)).toBe(48_000);
    expect(backoffMs(7, () => 1)).toBe(60_000);
  });
});

describe('keepTrying', () => {
  it('tries until it works, waiting longer each time, and says so once per failed try', async () => {
    const { waits, sleep } = recordingSleep();
    const said: { failures: number; waitMs: number; error: string }[] = [];
    let tries = 0;
    const result = await keepTrying(
      async () => {
        tries++;
        if (tries < 4) throw new Error(`down ${tries}`);
        return 'up';
      },
      {
        judge: retryAll,
        sleep,
        random: () => 0.5,
        onRetry: ({ failures, waitMs, error }) =>
          said.push({ failures, waitMs, error: (error as Error).message }),
      },
    );
    expect(result).toBe('up');
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(said).toEqual([
      { failures: 1, waitMs: 1000, error: 'down 1' },
      { failures: 2, waitMs: 2000, error: 'down 2' },
      { failures: 3, waitMs: 4000, error: 'down 3' },
    ]);
  });

  it('waits at least what the judge asks (a 429 retry_after)', async () => {
    const { waits, sleep } = recordingSleep();
    let tries = 0;
    await keepTrying(
      async () => {
        if (++tries === 1) throw new Error('429');
      },
      { judge: () => ({ retry: true, waitAtLeastMs: 30_000 }), sleep, random: () => 0.5, onRetry: () => {} },
    );
    expect(waits).toEqual([30_000]);
  });

  it('gives up at once on a failure the judge will not retry, with that error', async () => {
    const { waits, sleep } = recordingSleep();
    const wrong = new Error('401: Unauthorized');
    await expect(
      keepTrying(
        async () => {
          throw wrong;
        },
        { judge: () => ({ retry: false }), sleep, onRetry: () => {} },
      ),
    ).rejects.toBe(wrong);
    expect(waits).toEqual([]);
  });

  it('stops waiting and trying when its signal aborts', async () => {
    const stop = new AbortController();
    let tries = 0;
    const trying = keepTrying(
      async () => {
        tries++;
        throw new Error('down');
      },
      { judge: retryAll, signal: stop.signal, random: () => 0.5, onRetry: () => stop.abort() },
    );
    // The real sleep: an abort ends its wait (of a second) at once.
    await expect(trying).rejects.toBeInstanceOf(StoppedError);
    expect(tries).toBe(1);
  });

  it('does not start when already stopped', async () => {
    const stop = new AbortController();
    stop.abort();
    let tries = 0;
    await expect(
      keepTrying(async () => tries++, { judge: retryAll, signal: stop.signal, onRetry: () => {} }),
    ).rejects.toBeInstanceOf(StoppedError);
    expect(tries).toBe(0);
  });
});
