import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { M } from '../../src/bot/messages.js';
import { type BotProcess, startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { type NewUpdate, privateChat, textMessage, user } from '../helpers/updates.js';
import { seedWorld } from '../helpers/world.js';

/* Webhook mode end to end: the real entrypoint receives updates over HTTP as Telegram would send them. */

const SECRET = 'bi-mat_Webhook-2026';
const api = new FakeBotApi();
let bot: BotProcess;
let hookUrl: string;
let dbPath: string;
let world: ReturnType<typeof seedWorld>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

let nextUpdateId = 500;
const vy = user(7001, 'Vy');

/** An update POSTed to the bot's webhook by the fake, which then holds the bot to answering a press in it. */
function post(
  update: NewUpdate & { update_id: number },
  secret: string | null = SECRET,
  url = hookUrl,
): Promise<{ status: number }> {
  return api.postToWebhook(url, update, secret);
}

const startUpdate = (text = '/start') => ({
  update_id: ++nextUpdateId,
  ...textMessage(vy, privateChat(vy), text),
});

beforeAll(async () => {
  const apiRoot = await api.start();
  const port = await freePort();
  hookUrl = `http://127.0.0.1:${port}/telegram/cap-nhat`;
  dbPath = tempDbPath();
  world = seedWorld(dbPath);
  bot = await startBot({
    apiRoot,
    databasePath: dbPath,
    api,
    readyOn: 'setWebhook',
    env: { WEBHOOK_URL: hookUrl, WEBHOOK_SECRET: SECRET, WEBHOOK_PORT: String(port) },
  });
});

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

describe('webhook mode', () => {
  it('registers the configured URL and secret with Telegram and does not poll', () => {
    const [set] = api.callsOf('setWebhook');
    expect(set?.payload).toMatchObject({ url: hookUrl, secret_token: SECRET, drop_pending_updates: false });
    expect(api.callsOf('getUpdates')).toHaveLength(0);
    expect(api.callsOf('deleteWebhook')).toHaveLength(0);
  });

  it('handles an update carrying the right secret and answers through the Bot API', async () => {
    const res = await post(startUpdate());
    expect(res.status).toBe(200);
    const reply = await api.waitForMessage(vy.id, M.start.howToJoin);
    expect(reply.chat.id).toBe(vy.id);
  });

  it('refuses a request with a wrong or missing secret and handles nothing', async () => {
    const before = api.sentTo(vy.id).length;
    const wrong = await post(startUpdate(), 'khong-dung');
    const missing = await post(startUpdate(), null);
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    // A handled update would have replied by the time a later, accepted one has.
    expect((await post(startUpdate())).status).toBe(200);
    await api.waitForMessage(vy.id, (m) => api.sentTo(vy.id).indexOf(m) >= before);
    expect(api.sentTo(vy.id)).toHaveLength(before + 1);
  });

  it('accepts updates only at the URL path, by POST, as JSON', async () => {
    const elsewhere = await post(startUpdate(), SECRET, hookUrl.replace('/cap-nhat', '/khac'));
    const get = await fetch(hookUrl, { headers: { 'X-Telegram-Bot-Api-Secret-Token': SECRET } });
    const notJson = await fetch(hookUrl, {
      method: 'POST',
      headers: { 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: '{không phải json',
    });
    expect([elsewhere.status, get.status, notJson.status]).toEqual([404, 405, 400]);
  });

  it('handles the same update_id once, even when Telegram delivers it twice', async () => {
    const before = api.sentTo(vy.id).length;
    const update = startUpdate();
    const [first, second] = await Promise.all([post(update), post(update)]);
    const third = await post(update);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect((await post(startUpdate())).status).toBe(200);
    await api.waitForMessage(vy.id, (m) => api.sentTo(vy.id).indexOf(m) >= before + 1);
    expect(api.sentTo(vy.id)).toHaveLength(before + 2);
  });

  it('a button press delivered by webhook is answered once and the form moves on', async () => {
    const lan = user(7002, 'Lan');
    const say = (text: string) =>
      post({ update_id: ++nextUpdateId, ...textMessage(lan, privateChat(lan), text) });
    expect((await say(`/start ${world.invite('XA_THANHMAI', 'bi_thu')}`)).status).toBe(200);
    await api.waitForMessage(lan.id, 'Chào đồng chí Lan');
    expect((await say('/baocao')).status).toBe(200);
    const kinds = await api.waitForMessage(lan.id, (m) =>
      api.buttons(m).some((b) => b.text === 'Hội nghị học tập, quán triệt'),
    );
    const asked = kinds.text;
    const press = api.pressOf(lan, lan.id, kinds, 'Hội nghị học tập, quán triệt');
    const queryId = 'callback_query' in press ? press.callback_query.id : '';
    expect((await post({ update_id: ++nextUpdateId, ...press })).status).toBe(200);
    const edited = await api.waitForMessage(
      lan.id,
      (m) => m.message_id === kinds.message_id && api.buttons(m).some((b) => b.text === 'Hôm nay'),
    );
    // The same message, the choice shown under the question and the next question below.
    expect(
      edited.text?.startsWith(
        `${asked}\n➡️ Hội nghị học tập, quán triệt\n\n📅 Hội nghị được tổ chức ngày nào?`,
      ),
    ).toBe(true);
    const answers = () =>
      api.callsOf('answerCallbackQuery').filter((c) => c.payload.callback_query_id === queryId);
    await api.waitFor((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === queryId);
    expect(answers()).toEqual([expect.objectContaining({ status: 'ok' })]);
    expect(api.problems()).toEqual([]);
  });

  it('on SIGTERM finishes the update in hand, exits 0 within 5 s and leaves the webhook set', async () => {
    api.delay('sendMessage', 500);
    const before = api.sentTo(vy.id).length;
    const inHand = post(startUpdate());
    const replying = () => api.calls.some((c) => c.method === 'sendMessage' && c.status === 'pending');
    for (let i = 0; i < 100 && !replying(); i++) await new Promise((r) => setTimeout(r, 20));
    const t0 = Date.now();
    const exited = bot.stop('SIGTERM');
    expect((await inHand).status).toBe(200);
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(api.sentTo(vy.id)).toHaveLength(before + 1);
    expect(api.callsOf('deleteWebhook')).toHaveLength(0);
    expect(bot.output()).toContain('bot started (webhook)');
    await expect(post(startUpdate())).rejects.toThrow();
  });
});
