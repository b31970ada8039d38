import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { privateChat, user } from '../helpers/updates.js';
import { query, seedWorld } from '../helpers/world.js';

/*
 * The real bot (src/main.ts) with Telegram's default limits, against a fake Bot API that fails on purpose:
 * every reply still arrives exactly once, and a user who blocked the bot is marked, not retried.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const world = seedWorld(dbPath);
let bot: BotProcess;

beforeAll(async () => {
  const apiRoot = await api.start();
  const env = {
    SEND_MAX_PER_SECOND: '30',
    SEND_MAX_PER_CHAT_PER_SECOND: '1',
    SEND_MAX_PER_GROUP_PER_MINUTE: '20',
  };
  bot = await startBot({ apiRoot, databasePath: dbPath, api, env });
});

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

let nextUserId = 7000;
const person = (name: string) => {
  const u = user(++nextUserId, name);
  return new Conversation(api, u, privateChat(u));
};
const sendsTo = (chatId: number) =>
  api.callsOf('sendMessage').filter((c) => Number(c.payload.chat_id) === chatId);

describe('sending through Telegram’s failures', () => {
  it('after a 429 with retry_after 1, waits and delivers the reply once', async () => {
    const c = person('Hoa');
    api.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      retry_after: 1,
    });
    const replies = await c.say('/start');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('cần một mã mời');
    const [refused, delivered] = sendsTo(c.chat.id);
    expect([refused?.status, delivered?.status]).toEqual(['error', 'ok']);
    expect((delivered?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('after a 500, and after a dropped connection, the reply still arrives once', async () => {
    const a = person('Minh');
    api.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    expect(await a.say('/start')).toHaveLength(1);
    expect(sendsTo(a.chat.id).map((s) => s.status)).toEqual(['error', 'ok']);

    const b = person('Lan');
    api.dropConnection('sendMessage');
    expect(await b.say('/start')).toHaveLength(1);
    expect(sendsTo(b.chat.id).map((s) => s.status)).toEqual(['dropped', 'ok']);
  });

  it('marks a user who blocked the bot, does not retry, and goes on serving others', async () => {
    const c = person('Tuấn');
    await c.say(`/start ${world.invite('XA_THANHMAI', 'bi_thu')}`);
    const blockedAt = () =>
      query<{ blocked_at: number | null }>(dbPath, 'select blocked_at from users where id = ?', c.from.id)[0]
        ?.blocked_at;
    expect(blockedAt()).toBeNull();

    api.block(c.chat.id);
    const before = sendsTo(c.chat.id).length;
    expect(await c.say('/trogiup')).toEqual([]);
    expect(blockedAt()).toEqual(expect.any(Number));
    // One refused try: no retry, and no "something went wrong" message after it.
    expect(
      sendsTo(c.chat.id)
        .slice(before)
        .map((s) => s.error?.error_code),
    ).toEqual([403]);

    const other = person('Mai');
    expect((await other.say('/start'))[0]).toContain('cần một mã mời');
    expect(bot.child.exitCode).toBeNull();
  });
});
