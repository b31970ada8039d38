/** Self-test of the child-process harness with a stub bot (src/main.ts has its own e2e tests). */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { privateChat, textMessage, user } from '../helpers/updates.js';

const telegrafUrl = pathToFileURL(createRequire(join(REPO_ROOT, 'package.json')).resolve('telegraf')).href;
const STUB = `
const { Telegraf } = await import(${JSON.stringify(telegrafUrl)});
if (process.env.STUB_CRASH) throw new Error('boom: ' + process.env.STUB_CRASH);
const bot = new Telegraf(process.env.BOT_TOKEN, { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT } });
bot.command('ping', (ctx) => ctx.reply('pong ' + process.env.DATABASE_PATH));
bot.command('work', (ctx) => (process.env.STUB_HANG ? new Promise(() => {}) : ctx.reply('done')));
bot.launch(() => console.log('launched', JSON.stringify({ vitest: process.env.VITEST ?? null })));
process.once('SIGTERM', () => bot.stop('SIGTERM'));
`;

const bob = user(2002, 'Bob');
const bobChat = privateChat(bob);
let api: FakeBotApi;
let apiRoot: string;
let entry: string;

beforeAll(async () => {
  entry = join(dirname(tempDbPath()), 'stub-bot.mjs');
  writeFileSync(entry, STUB);
  api = new FakeBotApi();
  apiRoot = await api.start();
});
afterEach(() => stopAllBots());
afterAll(() => api.stop());

describe('startBot', () => {
  it('starts the child with a clean env, resolves once it polls, and stops it with SIGTERM', async () => {
    const databasePath = tempDbPath();
    const bot = await startBot({ apiRoot, databasePath, api, entry });
    api.pushUpdate(textMessage(bob, bobChat, '/ping'));
    await api.waitForMessage(bobChat.id, `pong ${databasePath}`);
    expect(bot.output()).toContain('launched {"vitest":null}');
    expect(await bot.stop()).toBe(0);
  });

  it('a SIGKILLed bot gets its unconfirmed update again after a restart', async () => {
    const databasePath = tempDbPath();
    const crashing = await startBot({ apiRoot, databasePath, api, entry, env: { STUB_HANG: '1' } });
    const id = api.pushUpdate(textMessage(bob, bobChat, '/work'));
    await api.waitFor((c) => c.method === 'getUpdates' && JSON.stringify(c.result ?? []).includes(`${id}`));
    expect(await crashing.kill9()).toBeNull();

    const restarted = await startBot({ apiRoot, databasePath, api, entry });
    await api.waitForMessage(bobChat.id, 'done');
    await api.waitForProcessed(id);
    expect(api.callsOf('getUpdates').filter((c) => c.error?.error_code === 409)).toEqual([]);
    await restarted.stop();
  });

  it('rejects with the output when the bot exits before polling', async () => {
    const started = startBot({
      apiRoot,
      databasePath: tempDbPath(),
      api,
      entry,
      env: { STUB_CRASH: 'bad config' },
    });
    await expect(started).rejects.toThrow(/exited with code 1[\s\S]*boom: bad config/);
  });
});
