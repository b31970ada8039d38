import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  BlockedError,
  NetworkError,
  NoAnswerError,
  Sender,
  type SenderOptions,
  StoppedSendingError,
} from '../../src/telegram/sender.js';
import { FakeClock } from './fake-clock.js';

/** A sender on a fake clock, and a record of when each call reached "Telegram". */
function setup(options: SenderOptions = {}) {
  const clock = new FakeClock();
  const blocked: unknown[] = [];
  const sender = new Sender({
    now: clock.now,
    sleep: clock.sleep,
    onBlocked: (id) => blocked.push(id),
    ...options,
  });
  const log: { chat: number; text: string; at: number }[] = [];
  /** Sends `text` to `chat`; `fail` may throw to answer this try with an error. */
  const send = (chat: number, text: string, fail?: (attempt: number) => void) => {
    let attempt = 0;
    return sender.run(chat, 'sendMessage', async () => {
      attempt++;
      log.push({ chat, text, at: clock.t });
      fail?.(attempt);
      return { chat, text };
    });
  };
  const atOf = (chat: number) => log.filter((l) => l.chat === chat).map((l) => l.at);
  return {
    clock,
    sender,
    send,
    log,
    atOf,
    blocked,
    all: (ps: Promise<unknown>[]) => clock.run(Promise.all(ps)),
  };
}

const apiError = (error_code: number, description: string, retry_after?: number) =>
  new TelegramError({ error_code, description, ...(retry_after ? { parameters: { retry_after } } : {}) });

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('limits', () => {
  it('spaces messages to one chat a second apart, in order', async () => {
    const { send, log, all } = setup();
    await all(['a', 'b', 'c'].map((t) => send(7, t)));
    expect(log.map((l) => [l.text, l.at])).toEqual([
      ['a', 0],
      ['b', 1000],
      ['c', 2000],
    ]);
  });

  it('sends at most perSecond messages in any second over all chats, evenly spread', async () => {
    const { send, log, all } = setup({ perSecond: 30 });
    await all(range(75).map((i) => send(i + 1, 'x')));
    const at = log.map((l) => l.at);
    expect(at).toEqual(range(75).map((i) => expect.closeTo((i * 1000) / 30, 6)));
    const inAnySecond = Math.max(...at.map((t) => at.filter((u) => u >= t && u < t + 1000).length));
    expect(inAnySecond).toBe(30);
  });

  it('sends at most perGroupPerMinute messages a minute into a group', async () => {
    const { send, atOf, all } = setup({ perGroupPerMinute: 20 });
    await all(range(22).map((i) => send(-100, `m${i}`)));
    expect(atOf(-100).slice(0, 20)).toEqual(range(20).map((i) => i * 1000));
    // The 21st waits until the first has left the minute.
    expect(atOf(-100).slice(20)).toEqual([60_000, 61_000]);
  });

  it('0 turns each limit off', async () => {
    const { send, log, all } = setup({ perSecond: 0, perChatPerSecond: 0, perGroupPerMinute: 0 });
    await all([...range(50).map((i) => send(i + 1, 'x')), ...range(30).map(() => send(-100, 'g'))]);
    expect(log.every((l) => l.at === 0)).toBe(true);
    expect(log).toHaveLength(80);
  });

  it('a busy group does not hold up private chats beyond the global limit', async () => {
    const { send, atOf, all } = setup({ perSecond: 2, perChatPerSecond: 0, perGroupPerMinute: 0 });
    const group = range(10).map((i) => send(-100, `g${i}`));
    const privates = [send(1, 'p'), send(2, 'p')];
    await all([...group, ...privates]);
    // Turns: group, 1, 2, group, ...: the private chats go in the first round, not after the group's ten.
    expect([...atOf(1), ...atOf(2)]).toEqual([500, 1000]);
  });

  it('private chats with long queues do not hold up one with a single message', async () => {
    const { send, atOf, all } = setup({ perSecond: 10 });
    const busy = range(20).flatMap((c) => range(20).map((i) => send(100 + c, `m${i}`)));
    await all([...busy, send(1, 'only one')]);
    expect(atOf(1)[0]).toBeLessThanOrEqual(2000);
  });

  it('a group whose own limit makes it the last to finish goes whenever it may', async () => {
    const { send, atOf, all } = setup({ perSecond: 3 });
    const group = range(5).map((i) => send(-100, `g${i}`));
    const privates = range(9).map((c) => send(c + 1, 'p'));
    await all([...group, ...privates]);
    expect(atOf(-100)).toEqual(range(5).map((i) => expect.closeTo(i * 1000, 6)));
    expect(Math.max(...range(9).flatMap((c) => atOf(c + 1)))).toBeLessThan(4700);
  });

  it('keeps the order within a chat when a call in the middle is retried', async () => {
    const { send, log, all } = setup({ perChatPerSecond: 0 });
    await all([
      send(5, 'a'),
      send(
        5,
        'b',
        (n) =>
          n < 3 &&
          (() => {
            throw apiError(502, 'Bad Gateway');
          })(),
      ),
      send(5, 'c'),
    ]);
    const delivered = log.filter((l, i) => log.findLastIndex((x) => x.text === l.text) === i);
    expect(delivered.map((l) => l.text)).toEqual(['a', 'b', 'c']);
  });
});

// A failed try still counts against the chat's limit; the backoff tests turn it off to show the backoff alone.
describe('failures', () => {
  it('honours 429 retry_after for the chat, then the same call succeeds', async () => {
    const { send, atOf, all } = setup();
    const result = await all([
      send(3, 'hi', (n) => {
        if (n === 1) throw apiError(429, 'Too Many Requests: retry after 5', 5);
      }),
      send(4, 'other'),
    ]);
    expect(result[0]).toEqual({ chat: 3, text: 'hi' });
    expect(atOf(3)).toEqual([0, 5000]);
    expect(atOf(4)).toEqual([expect.closeTo(33.3, 1)]);
  });

  it('429s in two chats within a second pause every chat (the bot-wide limit)', async () => {
    const { send, atOf, clock } = setup();
    const tooMany = (n: number) => {
      if (n === 1) throw apiError(429, 'Too Many Requests: retry after 3', 3);
    };
    const first = [send(1, 'a', tooMany), send(2, 'b', tooMany)];
    await new Promise((resolve) => setImmediate(resolve));
    await clock.run(Promise.all([...first, send(4, 'c')]));
    // Chat 2's 429 came 33 ms after chat 1's: everything waits its 3 s.
    expect(atOf(4)[0]).toBeGreaterThanOrEqual(3033);
    expect(atOf(1)).toEqual([0, expect.closeTo(3033.3, 1)]);
  });

  it('retries 5xx with exponential backoff, then succeeds', async () => {
    const { send, atOf, all, sender } = setup({ backoffMs: 500, perChatPerSecond: 0 });
    await all([
      send(3, 'hi', (n) => {
        if (n < 3) throw apiError(500, 'Internal Server Error');
      }),
    ]);
    expect(atOf(3)).toEqual([0, 500, 1500]);
    expect(sender.stats).toMatchObject({ sent: 1, retried: 2, failed: 0 });
  });

  it('gives up after maxAttempts with the API error', async () => {
    const { send, atOf, clock } = setup({ maxAttempts: 4, backoffMs: 100, perChatPerSecond: 0 });
    const err = await clock.run(
      send(3, 'hi', () => {
        throw apiError(502, 'Bad Gateway');
      }).catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(TelegramError);
    expect(err).toMatchObject({ code: 502, method: 'sendMessage', chatId: 3, description: 'Bad Gateway' });
    expect(atOf(3)).toEqual([0, 100, 300, 700]);
  });

  it('retries a call that never left (connection refused) freely, and reports NetworkError when it persists', async () => {
    const warned: object[] = [];
    const { send, atOf, clock } = setup({
      maxAttempts: 3,
      backoffMs: 100,
      perChatPerSecond: 0,
      logger: { warn: (d) => warned.push(d) },
    });
    const refused = new NoAnswerError(
      'sendMessage',
      Object.assign(new Error('connect ECONNREFUSED 149.154.167.220:443'), { code: 'ECONNREFUSED' }),
      false,
    );
    const err = await clock.run(
      send(3, 'hi', () => {
        throw refused;
      }).catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ method: 'sendMessage', chatId: 3, error: refused });
    expect(atOf(3)).toEqual([0, 100, 300]);
    expect(warned).not.toContainEqual(expect.objectContaining({ possibleDuplicate: true }));
  });

  it('tries a call that went out and got no answer (a time-out) once more only, and warns it may show twice', async () => {
    const warned: { details: object; message: string }[] = [];
    const { send, atOf, clock } = setup({
      backoffMs: 100,
      perChatPerSecond: 0,
      logger: { warn: (details, message) => warned.push({ details, message }) },
    });
    const timedOut = () =>
      new NoAnswerError(
        'sendMessage',
        Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }),
        true,
      );
    const err = await clock.run(
      send(3, 'Đã lưu', () => {
        throw timedOut();
      }).catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(NetworkError);
    // Two tries, not five: the first may have been delivered.
    expect(atOf(3)).toEqual([0, 100]);
    expect(warned).toEqual([
      {
        details: expect.objectContaining({
          chat: 3,
          method: 'sendMessage',
          attempt: 1,
          possibleDuplicate: true,
        }),
        message: 'no answer after the request went out; trying once more, so Telegram may show it twice',
      },
    ]);

    // The second try answered: delivered (once or twice), and said so once.
    warned.length = 0;
    const ok = await clock.run(
      send(4, 'Đã lưu', (attempt) => {
        if (attempt === 1) throw timedOut();
      }),
    );
    expect(ok).toEqual({ chat: 4, text: 'Đã lưu' });
    expect(warned).toHaveLength(1);
  });

  it('on 403 calls onBlocked, throws BlockedError and does not retry; other chats go on', async () => {
    const { send, atOf, clock, blocked } = setup();
    const err = await clock.run(
      send(9, 'hi', () => {
        throw apiError(403, 'Forbidden: bot was blocked by the user');
      }).catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(BlockedError);
    expect(err).toMatchObject({
      code: 403,
      chatId: 9,
      description: 'Forbidden: bot was blocked by the user',
    });
    expect(atOf(9)).toEqual([0]);
    expect(blocked).toEqual([9]);
    await clock.run(send(10, 'still here'));
    expect(atOf(10)).toHaveLength(1);
  });

  it('a 400 is not retried and keeps telegraf’s message', async () => {
    const { send, atOf, clock } = setup();
    const err = await clock.run(
      send(3, 'hi', () => {
        throw apiError(400, 'Bad Request: message is not modified');
      }).catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as Error).message).toBe('400: Bad Request: message is not modified');
    expect(atOf(3)).toEqual([0]);
  });
});

describe('stop', () => {
  it('fails at once what waits (a 429’s retry_after, a queue), keeps what went out, refuses what comes after', async () => {
    const { send, sender, log, clock } = setup({ perSecond: 0 });
    const done = send(1, 'sent');
    const waiting = send(2, 'rate limited', (attempt) => {
      if (attempt === 1) throw apiError(429, 'Too Many Requests: retry after 30', 30);
    });
    const queued = [send(1, 'queued a'), send(1, 'queued b')];
    const outcomes = Promise.allSettled([done, waiting, ...queued]);
    // Let the first try of each chat go out, then stop: chat 2 waits 30 s for its retry, chat 1 a second.
    await new Promise((resolve) => setImmediate(resolve));
    sender.stop();
    const [a, b, c, d] = await clock.run(outcomes, 0);
    expect(a).toMatchObject({ status: 'fulfilled' });
    for (const r of [b, c, d]) {
      expect(r?.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoppedSendingError);
    }
    expect(log.map((l) => l.text)).toEqual(['sent', 'rate limited']);
    await expect(send(3, 'later')).rejects.toBeInstanceOf(StoppedSendingError);
    expect(clock.t).toBe(0);
  });

  it('lets a call in flight finish, and does not try it again if it fails', async () => {
    const { sender } = setup({ perSecond: 0 });
    let answer: (v: unknown) => void = () => undefined;
    let fail: (e: unknown) => void = () => undefined;
    const inFlight = sender.run(5, 'sendMessage', () => new Promise((resolve) => (answer = resolve)));
    const failing = sender.run(6, 'sendMessage', () => new Promise((_, reject) => (fail = reject)));
    await new Promise((resolve) => setImmediate(resolve));
    sender.stop();
    answer({ ok: true });
    fail(
      new NoAnswerError(
        'sendMessage',
        Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
        true,
      ),
    );
    expect(await inFlight).toEqual({ ok: true });
    await expect(failing).rejects.toBeInstanceOf(NetworkError);
  });
});
