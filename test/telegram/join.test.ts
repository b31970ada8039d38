import { Telegram, TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { callingThrough } from '../../src/telegram/calls.js';
import { NoAnswerError } from '../../src/telegram/errors.js';
import { isTokenRejected, joining, standInBotInfo } from '../../src/telegram/join.js';
import { StoppedError } from '../../src/telegram/retry.js';

const TOKEN = '123456:SECRET-token-abcdefghijklmnopqrstuvwxyz';
const AT = new Date('2026-03-02T01:00:00Z');

const refused = () =>
  new NoAnswerError(
    'getMe',
    Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:9 (bot${TOKEN})`), { code: 'ECONNREFUSED' }),
    false,
  );
const answered = (error_code: number, description: string, retry_after?: number) =>
  new TelegramError({
    error_code,
    description,
    ...(retry_after ? { parameters: { retry_after } } : {}),
  });

type Script = Record<string, (unknown | Error)[]>;

/** A Telegram object whose calls answer from `script` (an Error is thrown), and a join wrapped around it. */
function harness(script: Script, stop = new AbortController()) {
  const calls: string[] = [];
  const api = async (method: string) => {
    calls.push(method);
    const next = script[method]?.shift();
    if (next instanceof Error) throw next;
    return next ?? true;
  };
  const waits: number[] = [];
  const warnings: Record<string, unknown>[] = [];
  const answers: string[] = [];
  const joined = joining(api, {
    logger: { warn: (details) => warnings.push(details as Record<string, unknown>) },
    now: () => AT,
    signal: stop.signal,
    token: TOKEN,
    onAnswered: (m) => answers.push(m),
    random: () => 0.5,
    sleep: async (ms, signal) => {
      waits.push(ms);
      if (signal?.aborted) throw new StoppedError();
    },
  });
  const telegram = callingThrough(new Telegram(TOKEN), joined);
  return { telegram, calls, waits, warnings, answers, stop };
}

const me = { id: 123456, is_bot: true, first_name: 'Bot', username: 'capuy_bot' };

describe('joining Telegram', () => {
  it('tries getMe until Telegram answers, one warning per failed try with the reason and the next try', async () => {
    const h = harness({ getMe: [refused(), answered(500, 'Internal Server Error'), refused(), me] });
    expect(await h.telegram.getMe()).toEqual(me);
    expect(h.calls).toEqual(['getMe', 'getMe', 'getMe', 'getMe']);
    expect(h.waits).toEqual([1000, 2000, 4000]);
    expect(h.warnings).toEqual([
      {
        method: 'getMe',
        attempt: 1,
        error: 'no answer to getMe: connect ECONNREFUSED 127.0.0.1:9 (bot…)',
        retryInMs: 1000,
        nextTryAt: '2026-03-02T01:00:01.000Z',
      },
      expect.objectContaining({ attempt: 2, error: '500: Internal Server Error', retryInMs: 2000 }),
      expect.objectContaining({ attempt: 3, retryInMs: 4000, nextTryAt: '2026-03-02T01:00:04.000Z' }),
    ]);
    expect(JSON.stringify(h.warnings)).not.toContain(TOKEN);
    expect(h.answers).toEqual(['getMe']);
  });

  it('waits at least what a 429 asks', async () => {
    const h = harness({ setMyCommands: [answered(429, 'Too Many Requests: retry after 30', 30), true] });
    await h.telegram.setMyCommands([]);
    expect(h.waits).toEqual([30_000]);
  });

  it('stops at once on a rejected token: 401 is not tried again', async () => {
    const h = harness({ getMe: [answered(401, 'Unauthorized')] });
    const err = await h.telegram.getMe().catch((e: unknown) => e);
    expect(isTokenRejected(err)).toBe(true);
    expect(h.calls).toEqual(['getMe']);
    expect(h.waits).toEqual([]);
    expect(h.warnings).toEqual([]);
  });

  it('does not retry what Telegram refuses for good (400), nor tell a network failure from a token', async () => {
    const h = harness({ setWebhook: [answered(400, 'Bad Request: bad webhook')] });
    const err = await h.telegram.setWebhook('https://x.vn/h').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelegramError);
    expect(isTokenRejected(err)).toBe(false);
    expect(isTokenRejected(refused())).toBe(false);
    expect(h.calls).toEqual(['setWebhook']);
  });

  it('tries only the first call of each method: later ones go straight through', async () => {
    const h = harness({ getMe: [me, refused()], sendMessage: [refused()] });
    await h.telegram.getMe();
    await expect(h.telegram.getMe()).rejects.toThrow('ECONNREFUSED');
    await expect(h.telegram.sendMessage(1, 'x')).rejects.toThrow('ECONNREFUSED');
    expect(h.calls).toEqual(['getMe', 'getMe', 'sendMessage']);
    expect(h.waits).toEqual([]);
  });

  it('ends a wait when the process stops: StoppedError, or AbortError for the poll telegraf aborts', async () => {
    const stop = new AbortController();
    const h = harness({ getMe: [refused()] }, stop);
    stop.abort();
    await expect(h.telegram.getMe()).rejects.toBeInstanceOf(StoppedError);

    const poll = new AbortController();
    const p = harness({ getUpdates: [refused()] });
    poll.abort();
    const callApi = p.telegram.callApi as unknown as (
      method: string,
      payload: unknown,
      options: { signal: AbortSignal },
    ) => Promise<unknown>;
    const err = await callApi('getUpdates', { timeout: 50 }, { signal: poll.signal }).catch(
      (e: unknown) => e,
    );
    // telegraf's polling loop returns quietly on an AbortError.
    expect(err).toMatchObject({ name: 'AbortError' });
  });

  it('stands in for getMe with the token’s id and the username kept from last time', () => {
    expect(standInBotInfo(TOKEN, 'capuy_bot')).toMatchObject({
      id: 123456,
      is_bot: true,
      username: 'capuy_bot',
    });
    expect(standInBotInfo(TOKEN, null).username).toBe('bot');
  });
});
