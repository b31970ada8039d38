import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { fileOnlineConference } from '../helpers/scenarios.js';
import { groupChat, privateChat, user } from '../helpers/updates.js';
import { WebClient } from '../helpers/web-client.js';
import { query, seedWorld } from '../helpers/world.js';

/*
 * The real entrypoint with WEB_PORT, against the fake Bot API: one person on Telegram and in the browser is
 * one user (the `/web` code), and what the page does never reaches Telegram.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const world = seedWorld(dbPath);
let bot: BotProcess;
let web = '';

beforeAll(async () => {
  const apiRoot = await api.start();
  bot = await startBot({ apiRoot, databasePath: dbPath, api, env: { WEB_PORT: '0', WEB_HOST: '127.0.0.1' } });
  const deadline = Date.now() + 20_000;
  while (!web && Date.now() < deadline) {
    web = /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/.exec(bot.output())?.[1] ?? '';
    if (!web) await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

describe('WEB_PORT on the real bot', () => {
  it('serves the page, and /web signs the Telegram user in to it as the same user', async () => {
    expect(web).not.toBe('');
    expect((await (await fetch(web)).text()).includes('<html lang="vi">')).toBe(true);

    const u = user(7101, 'Mai');
    const tg = new Conversation(api, u, privateChat(u));
    await tg.say(`/start ${world.invite('XA_THANHMAI', 'bi_thu')}`);
    const [reply] = await tg.say('/web');
    const code = /: ([A-Z0-9]{10})\n/.exec(reply ?? '')?.[1] ?? '';
    expect(code).not.toBe('');
    const sentOnTelegram = tg.all().length;

    const page = new WebClient(web);
    expect((await page.signIn(code, '')).data.name).toBe('Mai');
    expect(page.snapshot.messages).toEqual([]);
    await page.poll();
    expect(page.snapshot.messages[0]?.text).toContain('Chào đồng chí Mai! Đồng chí đang là: bí thư');
    await page.say('/baocao');
    await page.press('Hội nghị học tập, quán triệt');
    await page.press('❌ Hủy');
    // The page's conversation stayed in the page; the form it opened was the Telegram user's own.
    expect(tg.all().length).toBe(sentOnTelegram);
    const sessions = query<{ user_id: number }>(dbPath, 'select user_id from web_sessions');
    expect(sessions).toEqual([{ user_id: 7101 }]);
  });

  it('a report filed on the page tells the group linked with /lienket on Telegram, not the page', async () => {
    const u = user(7102, 'Hà');
    const tg = new Conversation(api, u, privateChat(u));
    await tg.say(`/start ${world.invite('XA_THANHMAI', 'bi_thu')}`);
    const group = new Conversation(api, u, groupChat(-100_7102, 'Chi ủy xã Thanh Mai'));
    expect((await group.say('/lienket'))[0]).toContain('đã được liên kết với Đảng ủy xã Thanh Mai');
    const [reply] = await tg.say('/web');
    const page = new WebClient(web);
    expect((await page.signIn(/: ([A-Z0-9]{10})\n/.exec(reply ?? '')?.[1] ?? '', '')).status).toBe(200);
    const sentOnTelegram = tg.all().length;

    await fileOnlineConference(page);
    expect(page.snapshot.messages.at(-1)?.text).toContain('✅ Đã lưu báo cáo số');
    const notice = await api.waitForMessage(group.chat.id, (m) =>
      /^📋 Đảng ủy xã Thanh Mai đã báo cáo/.test(m.text ?? ''),
    );
    expect(notice.text).toContain('120/126');
    expect(page.transcript()).not.toContain('đã báo cáo hội nghị ngày');
    // The person's own chat on Telegram heard nothing of it either.
    expect(tg.all().length).toBe(sentOnTelegram);
  });
});
