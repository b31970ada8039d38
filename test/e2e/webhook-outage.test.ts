import { afterAll, describe, expect, it } from 'vitest';
import { M } from '../../src/bot/messages.js';
import {
  type BotProcess,
  freePort,
  startBot,
  stopAllBots,
  tempDbPath,
  untilOutput,
} from '../helpers/bot-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { privateChat, textMessage, user } from '../helpers/updates.js';

/*
 * Webhook mode starting while Telegram cannot be reached (docs/architecture.md, "Start-up without Telegram"):
 * Telegram first not listening at all, then answering setWebhook with 500; the bot keeps trying, the wait growing,
 * registers its webhook, answers an update delivered to it, and stops within 5 s of SIGTERM.
 */

const SECRET = 'bi-mat_Webhook-2026';
const api = new FakeBotApi();
const fakes = [api];
const vy = user(7101, 'Vy');
let nextUpdateId = 900;

afterAll(async () => {
  await stopAllBots();
  await Promise.all(fakes.map((f) => f.stop()));
});

const warnings = (bot: BotProcess, method: string) =>
  bot
    .output()
    .split('\n')
    .filter((l) => l.includes('"msg":"Telegram not reachable; trying again"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((w) => w.method === method);

describe('webhook mode with Telegram down at start', () => {
  it('unreachable, then 500 to setWebhook: tried again with a growing wait, then it answers updates', async () => {
    const apiPort = await freePort();
    const hookPort = await freePort();
    const hookUrl = `http://127.0.0.1:${hookPort}/telegram/cap-nhat`;
    const bot = await startBot({
      apiRoot: `http://127.0.0.1:${apiPort}`,
      databasePath: tempDbPath(),
      env: { WEBHOOK_URL: hookUrl, WEBHOOK_SECRET: SECRET, WEBHOOK_PORT: String(hookPort) },
    });
    // Nothing listens where Telegram should be: getMe is tried again and again.
    await untilOutput(bot, /"method":"getMe","attempt":2,/);
    expect(String(warnings(bot, 'getMe')[0]?.error)).toContain('ECONNREFUSED');
    expect(bot.child.exitCode).toBeNull();

    // Back, but refusing setWebhook with 500 three times.
    api.failNext('setWebhook', { error_code: 500, description: 'Internal Server Error' }, 3);
    await api.start(apiPort);
    await api.waitFor((c) => c.method === 'setWebhook' && c.status === 'ok', 40_000);
    await untilOutput(bot, /"msg":"bot started \(webhook\)"/);
    expect(api.callsOf('setWebhook').map((c) => c.status)).toEqual(['error', 'error', 'error', 'ok']);
    const tries = warnings(bot, 'setWebhook');
    expect(tries.map((w) => [w.attempt, w.error])).toEqual([
      [1, '500: Internal Server Error'],
      [2, '500: Internal Server Error'],
      [3, '500: Internal Server Error'],
    ]);
    for (const [i, w] of tries.entries()) {
      expect(w.level).toBe(40);
      expect(typeof w.nextTryAt).toBe('string');
      if (i > 0) expect(Number(w.retryInMs)).toBeGreaterThan(Number(tries[i - 1]?.retryInMs));
    }
    expect(api.callsOf('setWebhook').at(-1)?.payload).toMatchObject({ url: hookUrl, secret_token: SECRET });
    expect(api.callsOf('getUpdates')).toHaveLength(0);

    const res = await fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: JSON.stringify({ update_id: ++nextUpdateId, ...textMessage(vy, privateChat(vy), '/start') }),
    });
    expect(res.status).toBe(200);
    await api.waitForMessage(vy.id, M.start.howToJoin);

    const t0 = Date.now();
    expect(await bot.stop('SIGTERM')).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
  }, 90_000);

  it('SIGTERM while setWebhook waits to be tried again: exits 0 within 5 s', async () => {
    const hookPort = await freePort();
    const hookUrl = `http://127.0.0.1:${hookPort}/telegram/cap-nhat`;
    const other = new FakeBotApi();
    fakes.push(other);
    other.failNext('setWebhook', { error_code: 500, description: 'Internal Server Error' }, 10);
    const bot = await startBot({
      apiRoot: await other.start(),
      databasePath: tempDbPath(),
      env: { WEBHOOK_URL: hookUrl, WEBHOOK_SECRET: SECRET, WEBHOOK_PORT: String(hookPort) },
    });
    await untilOutput(bot, /"method":"setWebhook","attempt":2,/);
    const t0 = Date.now();
    expect(await bot.stop('SIGTERM')).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(bot.output()).not.toContain('bot started (webhook)');
  }, 60_000);
});
