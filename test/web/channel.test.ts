import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { flushWrites } from '../../src/db/deferred.js';
import {
  isWebOnlyUser,
  newWebUserId,
  WEB_USER_ID_BASE,
  WebChannel,
  type WebChannelLimits,
} from '../../src/web/channel.js';
import { sqliteWebStore } from '../../src/web/store.js';
import { testClock } from '../helpers/instant.js';
import { testDb } from '../helpers/test-db.js';

/* The web channel's translation: browser actions → Telegram updates, Bot API calls → the page's transcript. */

const bot = { id: 1, is_bot: true, first_name: 'Bot', username: 'b_bot' } as const;
const person = { id: WEB_USER_ID_BASE + 7, is_bot: false, first_name: 'Lan' };

const botInfo = () => ({
  ...bot,
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
});

function setup(channel = new WebChannel(botInfo)) {
  const updates: Update[] = [];
  /** A stand-in for bot.handleUpdate: records the update and answers through the channel's callApi. */
  const handle =
    (reply: (api: (m: string, p: object) => Promise<unknown>, u: Update) => Promise<void>) =>
    async (u: Update) => {
      updates.push(u);
      const api = channel.route(u) as unknown as (m: string, p: object) => Promise<unknown>;
      await reply(api, u);
    };
  return { channel, updates, handle };
}

describe('web user ids', () => {
  it('are above every id Telegram gives people (at most 52 bits) and exact in JavaScript', () => {
    const id = newWebUserId();
    expect(id).toBeGreaterThanOrEqual(2 ** 52);
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(isWebOnlyUser(id)).toBe(true);
    expect(isWebOnlyUser(8_123_456_789)).toBe(false);
  });
});

describe('the update a browser action becomes', () => {
  it('text: a private message from the user, a command marked as Telegram marks it, a negative update id', async () => {
    const { channel, updates, handle } = setup();
    await channel.sendText(
      person,
      '/tiendo 2022',
      handle(async () => undefined),
    );
    const u = updates[0] as Update.MessageUpdate;
    expect(u.update_id).toBeLessThan(0);
    expect(u.message.from).toEqual(person);
    expect(u.message.chat).toEqual({ id: person.id, type: 'private', first_name: 'Lan' });
    expect('text' in u.message && u.message.text).toBe('/tiendo 2022');
    expect('entities' in u.message && u.message.entities).toEqual([
      { type: 'bot_command', offset: 0, length: 7 },
    ]);
    expect(channel.snapshot(person.id).messages.map((m) => [m.from, m.text])).toEqual([
      ['user', '/tiendo 2022'],
    ]);
  });

  it('a press: a callback_query on the message shown, only for a button it has; ids keep growing', async () => {
    const { channel, updates, handle } = setup();
    await channel.sendText(
      person,
      '/baocao',
      handle(async (api) => {
        await api('sendMessage', {
          chat_id: person.id,
          text: 'Chọn',
          reply_markup: { inline_keyboard: [[{ text: 'Có', callback_data: 'f:1:yes' }]] },
        });
      }),
    );
    const shown = channel.snapshot(person.id).messages[1];
    expect(shown?.buttons).toEqual([[{ text: 'Có', data: 'f:1:yes' }]]);
    const pressed = handle(async (api, u) => {
      const q = (u as Update.CallbackQueryUpdate).callback_query;
      await api('answerCallbackQuery', { callback_query_id: q.id, text: 'Đã chọn' });
      await api('editMessageText', {
        chat_id: person.id,
        message_id: q.message?.message_id,
        text: 'Chọn: Có',
      });
    });
    expect(await channel.press(person, shown?.id ?? 0, 'f:1:nope', pressed)).toBe(false);
    expect(await channel.press(person, shown?.id ?? 0, 'f:1:yes', pressed)).toBe(true);
    const q = (updates[1] as Update.CallbackQueryUpdate).callback_query;
    expect(updates[1]?.update_id).toBeLessThan(updates[0]?.update_id ?? 0);
    expect(q.from).toEqual(person);
    expect('data' in q && q.data).toBe('f:1:yes');
    expect(q.message?.message_id).toBe(shown?.id);
    expect(q.message && 'reply_markup' in q.message && q.message.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Có', callback_data: 'f:1:yes' }]],
    });
    const after = channel.snapshot(person.id, 1);
    expect(after.messages[1]).toMatchObject({ text: 'Chọn: Có', buttons: [] });
    expect(after.toasts).toEqual(['Đã chọn']);
  });
});

describe('the Bot API calls an update makes', () => {
  it('photos and documents are kept as files of that chat; setMyCommands sets the menu', async () => {
    const { channel, handle } = setup();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    await channel.sendText(
      person,
      '/xuat',
      handle(async (api) => {
        const sent = (await api('sendPhoto', {
          chat_id: person.id,
          photo: { source: png, filename: 'tien-do.png' },
          caption: 'Biểu đồ',
        })) as { message_id: number };
        expect(sent.message_id).toBe(2);
        await api('sendDocument', {
          chat_id: person.id,
          document: { source: Buffer.from('x'), filename: 'bao-cao.xlsx' },
        });
        await api('setMyCommands', { commands: [{ command: 'tiendo', description: 'Tiến độ' }] });
        await api('sendChatAction', { chat_id: person.id, action: 'typing' });
      }),
    );
    const [, photo, doc] = channel.snapshot(person.id).messages;
    expect(photo).toMatchObject({ text: 'Biểu đồ', photo: { name: 'tien-do.png', mime: 'image/png' } });
    expect(doc?.document?.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(channel.file(person.id, photo?.photo?.id ?? '')?.body).toEqual(png);
    expect(channel.file(person.id + 1, photo?.photo?.id ?? '')).toBeUndefined();
    expect(channel.commands).toEqual([{ command: 'tiendo', description: 'Tiến độ' }]);
  });

  it('a long poll wakes when the transcript changes', async () => {
    const { channel, handle } = setup();
    await channel.sendText(
      person,
      'xin chào',
      handle(async () => undefined),
    );
    const version = channel.snapshot(person.id).version;
    let woke = false;
    const waited = channel.waitForChange(person.id, version, 5000).then(() => {
      woke = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(woke).toBe(false);
    await channel.sendText(
      person,
      'có ai không',
      handle(async () => undefined),
    );
    await waited;
    expect(channel.snapshot(person.id).version).toBeGreaterThan(version);
  });
});

describe('a reminder for someone who only uses the page', () => {
  it('waits in the transcript, and its button is pressed like any other', async () => {
    const { channel, updates, handle } = setup();
    channel.notify(person.id, '⏰ Việc đến hạn', [[{ text: '📝 Kế hoạch', data: 'k:ke_hoach_hanh_dong:3' }]]);
    const [m] = channel.snapshot(person.id).messages;
    expect(m).toMatchObject({ from: 'bot', text: '⏰ Việc đến hạn' });
    expect(
      await channel.press(
        person,
        m?.id ?? 0,
        'k:ke_hoach_hanh_dong:3',
        handle(async () => undefined),
      ),
    ).toBe(true);
    const q = (updates[0] as Update.CallbackQueryUpdate).callback_query;
    expect(q.from).toEqual(person);
  });
});

/** A channel keeping its conversations in a fresh SQLite database, with `limits`. */
function storedChannel(limits: Partial<WebChannelLimits>) {
  const db = testDb();
  const channel = new WebChannel(botInfo, [], testClock, { store: sqliteWebStore(db, testClock), limits });
  return { db, channel, handle: setup(channel).handle };
}

describe('what the channel keeps', () => {
  const png = (n: number) => ({ source: Buffer.alloc(n, 1), filename: 'tien-do.png' });
  const sendPhotos = async (channel: WebChannel, who: typeof person, sizes: number[]) => {
    const { handle } = setup(channel);
    await channel.sendText(
      who,
      '/tiendo',
      handle(async (api) => {
        for (const n of sizes) await api('sendPhoto', { chat_id: who.id, photo: png(n) });
      }),
    );
    return channel
      .snapshot(who.id)
      .messages.flatMap((m) => (m.photo ? [m.photo.id] : []))
      .slice(-sizes.length);
  };

  it('at most filesPerUser files a person and fileBytes in all, the oldest going first', async () => {
    const channel = new WebChannel(botInfo, [], undefined, {
      limits: { filesPerUser: 3, fileBytes: 800 },
    });
    const other = { ...person, id: person.id + 1, first_name: 'Hùng' };
    const mine = await sendPhotos(channel, person, [100, 100, 100, 100]);
    expect(mine.map((id) => channel.file(person.id, id) !== undefined)).toEqual([false, true, true, true]);
    // Another person's big files push out the oldest of all, whoever's they are.
    const theirs = await sendPhotos(channel, other, [300, 300]);
    expect(mine.map((id) => channel.file(person.id, id) !== undefined)).toEqual([false, false, true, true]);
    expect(theirs.map((id) => channel.file(other.id, id) !== undefined)).toEqual([true, true]);
    expect(channel.file(person.id, theirs[0] ?? '')).toBeUndefined();
  });

  it('the newest `messages` of a conversation, in memory and in the store', async () => {
    const { db, channel, handle } = storedChannel({ messages: 3 });
    for (const text of ['một', 'hai', 'ba', 'bốn'])
      await channel.sendText(
        person,
        text,
        handle(async () => undefined),
      );
    expect(channel.snapshot(person.id).messages.map((m) => m.text)).toEqual(['hai', 'ba', 'bốn']);
    const stored = () => db.$client.prepare('select count(*) from web_messages').pluck().get();
    flushWrites(db);
    expect(stored()).toBe(3);
  });

  it('at most `chats` conversations in memory; one sent away comes back from the store as it was', async () => {
    const { channel, handle } = storedChannel({ chats: 2 });
    const people = [0, 1, 2, 3].map((i) => ({ ...person, id: person.id + i, first_name: `Người ${i}` }));
    for (const p of people) {
      await channel.sendText(
        p,
        `xin chào ${p.id}`,
        handle(async (api) => {
          await api('sendMessage', {
            chat_id: p.id,
            text: 'Chọn',
            reply_markup: { inline_keyboard: [[{ text: 'Có', callback_data: 'f:1:yes' }]] },
          });
        }),
      );
    }
    expect((channel as unknown as { chats: Map<number, unknown> }).chats.size).toBe(2);
    const first = channel.snapshot(people[0]?.id ?? 0);
    expect(first.messages.map((m) => m.text)).toEqual([`xin chào ${people[0]?.id}`, 'Chọn']);
    expect(first.version).toBe(2);
    // Its button still works.
    expect(
      await channel.press(
        people[0] ?? person,
        2,
        'f:1:yes',
        handle(async () => undefined),
      ),
    ).toBe(true);
  });
});
