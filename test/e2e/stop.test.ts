import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  type BotProcess,
  freePort,
  startBot,
  stopAllBots,
  tempDbPath,
  untilOutput,
} from '../helpers/bot-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { privateChat, user } from '../helpers/updates.js';
import { query } from '../helpers/world.js';

/*
 * Stopping is bounded (docs/architecture.md, "Stopping"): SIGTERM ends the real entrypoint within 5 s with exit
 * code 0, whatever it is doing. The bound is asserted generously; it is not a benchmark. With every core loaded:
 * stop-under-load.test.ts, which runs alone.
 */

const BOUND_MS = 5000;
/** A fake per test: an update a stopped bot left unconfirmed must not reach the next test's bot. */
let api = new FakeBotApi();
const fakes: FakeBotApi[] = [];

afterEach(async () => {
  await stopAllBots();
});

afterAll(async () => {
  await Promise.all(fakes.map((f) => f.stop()));
});

/** SIGTERM; the exit code and how long the exit took. */
async function terminate(bot: BotProcess): Promise<{ code: number | null; ms: number }> {
  const t0 = performance.now();
  const code = await bot.stop('SIGTERM');
  return { code, ms: performance.now() - t0 };
}

async function until(probe: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out; recent calls:\n${api.describeCalls()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function started(databasePath = tempDbPath()): Promise<BotProcess> {
  api = new FakeBotApi();
  fakes.push(api);
  return startBot({ apiRoot: await api.start(), databasePath, api });
}

describe('SIGTERM ends the bot within 5 s, exit code 0', () => {
  it('mid-poll', async () => {
    const bot = await started();
    const { code, ms } = await terminate(bot);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(bot.output()).toContain('"msg":"stopped"');
  });

  it('mid-send: a reply Telegram has not answered yet', async () => {
    const bot = await started();
    api.delay('sendMessage', 20_000);
    const u = user(9401, 'Dung');
    api.pushText(u, privateChat(u), '/start');
    await until(() => api.calls.some((c) => c.method === 'sendMessage' && c.status === 'pending'));
    const { code, ms } = await terminate(bot);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('with a retry pending: Telegram answered 429, retry after 30 s; what was handled stays handled', async () => {
    const dbPath = tempDbPath();
    const bot = await started(dbPath);
    api.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 30',
      retry_after: 30,
    });
    const u = user(9402, 'Giang');
    const id = api.pushText(u, privateChat(u), '/start');
    await until(() => api.callsOf('sendMessage').some((c) => c.error?.error_code === 429));
    await untilOutput(bot, /"msg":"rate limited; will retry"/);
    const { code, ms } = await terminate(bot);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(bot.output()).toContain('"msg":"stopping: reply not sent"');
    expect(query(dbPath, 'select update_id from processed_updates')).toEqual([{ update_id: id }]);
  });

  it('while telegraf’s polling loop waits out a 429 on getUpdates (retry after 30 s)', async () => {
    const bot = await started();
    api.failNext('getUpdates', {
      error_code: 429,
      description: 'Too Many Requests: retry after 30',
      retry_after: 30,
    });
    const u = user(9403, 'Hải');
    api.pushText(u, privateChat(u), '/start');
    await api.waitForMessage(u.id, 'mã mời');
    await until(() => api.callsOf('getUpdates').some((c) => c.error?.error_code === 429));
    const { code, ms } = await terminate(bot);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(bot.output()).toContain('"msg":"stopped"');
  });

  it('while Telegram is still unreachable at start', async () => {
    const bot = await startBot({
      apiRoot: `http://127.0.0.1:${await freePort()}`,
      databasePath: tempDbPath(),
    });
    await untilOutput(bot, /"msg":"Telegram not reachable; trying again"/);
    const { code, ms } = await terminate(bot);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(bot.output()).toContain('"msg":"stopped"');
  });
});
