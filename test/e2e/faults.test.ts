import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { fillInPersonConference } from '../helpers/scenarios.js';
import { callbackQuery, privateChat, user } from '../helpers/updates.js';
import { query, seedWorld } from '../helpers/world.js';

/*
 * A lost confirmation and a crash: the bot handles the secretary's "Xác nhận", its next poll (which would
 * confirm the batch to Telegram) never arrives, and it is killed with SIGKILL. Restarted, it is given the
 * same update again: it must not answer twice or save twice, and the report confirmed before the crash
 * is there.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const world = seedWorld(dbPath);
let bot: BotProcess;
let apiRoot: string;

beforeAll(async () => {
  apiRoot = await api.start();
  bot = await startBot({ apiRoot, databasePath: dbPath, api });
});

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

async function until(probe: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

const rows = () => query<{ id: number }>(dbPath, 'select id from conference_reports');

describe('faults', () => {
  it('handles a batch delivered again after a lost confirmation and a SIGKILL once', async () => {
    const u = user(6100, 'Thảo');
    const c = new Conversation(api, u, privateChat(u));
    await c.say(`/start ${world.invite('XA_THANHMAI', 'bi_thu')}`);
    await fillInPersonConference(c, '110', '0');
    const summary = c.last();
    const data = api.buttons(summary).find((b) => b.text === '✅ Xác nhận')?.callback_data ?? '';
    const before = rows().length;

    // The poll that would confirm the batch is lost; the bot dies while telegraf waits to poll again.
    api.dropConnection('getUpdates', 1);
    const id = api.pushUpdate(callbackQuery(c.from, c.chat, summary, data));
    await api.waitForMessage(c.chat.id, /^✅ Đã lưu báo cáo số/);
    await api.waitFor((call) => call.method === 'getUpdates' && call.status === 'dropped');
    expect(await bot.kill9()).toBeNull();
    expect(rows().length).toBe(before + 1);

    bot = await startBot({ apiRoot, databasePath: dbPath, api });
    await api.waitForProcessed(id);
    expect(api.timesDelivered(id)).toBe(2);
    expect(rows().length).toBe(before + 1);
    const saved = c.all().filter((m) => (m.text ?? '').startsWith('✅ Đã lưu báo cáo số'));
    expect(saved).toHaveLength(1);
    // The log line travels through a pipe: it may arrive a moment after the poll that confirmed the update.
    await until(() => bot.output().includes('"outcome":"duplicate"'));
    expect(bot.output()).toContain('"outcome":"duplicate"');
    // And the bot goes on serving.
    expect((await c.say('/danhsach'))[0]).toContain('110/126');
  });

  it('stops cleanly on SIGTERM: polling ends, the database closes, exit code 0', async () => {
    expect(await bot.stop('SIGTERM')).toBe(0);
    expect(bot.output()).toContain('"msg":"stopped"');
  });
});
