import { Markup, Telegraf, TelegramError } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeBotApi, TEST_TOKEN } from '../helpers/fake-bot-api.js';
import { groupChat, photoMessage, privateChat, textMessage, user } from '../helpers/updates.js';

const alice = user(1001, 'Alice');
const aliceChat = privateChat(alice);

let api: FakeBotApi;
let apiRoot: string;
const bots: Telegraf[] = [];

/** A tiny in-process bot on the fake: /ping → pong with a button; the button edits the message. */
function tinyBot(onPing?: () => Promise<void>): Telegraf {
  const bot = new Telegraf(TEST_TOKEN, { telegram: { apiRoot } });
  bot.command('ping', async (ctx) => {
    await onPing?.();
    await ctx.reply('pong', Markup.inlineKeyboard([Markup.button.callback('Again', 'again')]));
  });
  bot.action('again', async (ctx) => {
    await ctx.answerCbQuery();
    await ctx.editMessageText(
      'pong again',
      Markup.inlineKeyboard([Markup.button.callback('Again', 'again')]),
    );
  });
  bot.on('photo', (ctx) => ctx.reply('nice photo'));
  bots.push(bot);
  return bot;
}

/** Launches like src/main.ts will, resolving once telegraf is polling. */
async function launch(bot: Telegraf): Promise<void> {
  const since = api.calls.length;
  bot.launch().catch(() => {}); // launch() settles only when polling ends
  await api.waitFor((c) => c.method === 'getUpdates' && c.seq >= since && c.payload.timeout === 50);
}

beforeEach(async () => {
  api = new FakeBotApi();
  apiRoot = await api.start();
});

afterEach(async () => {
  for (const bot of bots.splice(0)) {
    try {
      bot.stop('test end');
    } catch {
      // not running
    }
  }
  await api.stop();
});

describe('FakeBotApi driven by a real telegraf bot', () => {
  it('answers getMe and records what telegraf sends on launch', async () => {
    await launch(tinyBot());
    expect(api.calls.map((c) => c.method).slice(0, 3)).toEqual(['getMe', 'deleteWebhook', 'getUpdates']);
    expect(api.calls[2]?.payload).toMatchObject({ timeout: 50, offset: 0, allowed_updates: [] });
    expect(api.calls[0]?.result).toMatchObject({ is_bot: true, username: 'test_bot', id: 123456 });
  });

  it('rejects a wrong token with 401', async () => {
    const res = await fetch(`${apiRoot}/bot999:wrong/getMe`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
  });

  it('delivers a pushed /ping promptly through long polling and bot.command fires', async () => {
    await launch(tinyBot());
    const started = Date.now();
    api.pushUpdate(textMessage(alice, aliceChat, '/ping'));
    const reply = await api.waitForMessage(aliceChat.id, /^pong$/, 3000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(api.buttons(reply)).toEqual([{ text: 'Again', callback_data: 'again' }]);
  });

  it('marks /cmd@test_bot in a group as a bot_command', async () => {
    await launch(tinyBot());
    const group = groupChat(-100200, 'Chi bộ 1', 'supergroup');
    api.pushUpdate(textMessage(alice, group, '/ping@test_bot'));
    await api.waitForMessage(group.id, 'pong', 3000);
  });

  it('click, answerCallbackQuery and edit update the stored message', async () => {
    await launch(tinyBot());
    api.pushUpdate(textMessage(alice, aliceChat, '/ping'));
    const message = await api.waitForMessage(aliceChat.id, 'pong', 3000);
    const { queryId } = api.clickButton(alice, aliceChat.id, message, 'Again');
    await api.waitForMessage(aliceChat.id, 'pong again', 3000);
    expect(api.sentTo(aliceChat.id)).toHaveLength(1);
    expect(api.lastSentTo(aliceChat.id)?.edit_date).toBeTypeOf('number');
    const answer = await api.waitFor((c) => c.method === 'answerCallbackQuery');
    expect(answer.payload.callback_query_id).toBe(queryId);
    expect(() => api.clickButton(alice, aliceChat.id, message, 'Nope')).toThrow(/buttons: "Again"/);
  });

  it('answers "message is not modified" when text and markup are unchanged', async () => {
    api.allowRefusals('message is not modified');
    const bot = tinyBot();
    const sent = await bot.telegram.sendMessage(aliceChat.id, 'same');
    const edit = bot.telegram.editMessageText(aliceChat.id, sent.message_id, undefined, 'same');
    await expect(edit).rejects.toMatchObject({
      code: 400,
      description: expect.stringMatching(/message is not modified/),
    });
    await bot.telegram.editMessageText(aliceChat.id, sent.message_id, undefined, '<b>changed</b>', {
      parse_mode: 'HTML',
    });
    expect(api.lastSentTo(aliceChat.id)?.text).toBe('changed');
  });

  it('redelivers unconfirmed updates to a new bot instance', async () => {
    let stuck = false;
    // The first bot hangs in its handler forever, like a process that dies before its next poll.
    const crashed = tinyBot(() => {
      stuck = true;
      return new Promise<void>(() => {});
    });
    await launch(crashed);
    const id = api.pushUpdate(textMessage(alice, aliceChat, '/ping'));
    await expect.poll(() => stuck).toBe(true);
    expect(api.confirmedOffset).toBeLessThanOrEqual(id);

    await launch(tinyBot());
    await api.waitForMessage(aliceChat.id, 'pong', 3000);
    await api.waitForProcessed(id, 3000);
    expect(api.timesDelivered(id)).toBe(2);
  });

  it('failNext makes telegraf throw a TelegramError 429 with retry_after', async () => {
    const bot = tinyBot();
    api.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      retry_after: 7,
    });
    const error = await bot.telegram.sendMessage(aliceChat.id, 'hi').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramError);
    expect(error).toMatchObject({ code: 429, parameters: { retry_after: 7 } });
    await bot.telegram.sendMessage(aliceChat.id, 'hi');
    expect(api.sentTo(aliceChat.id).map((m) => m.text)).toEqual(['hi']);
  });

  it('records a multipart sendPhoto with its file size and bytes', async () => {
    const bot = tinyBot();
    const bytes = Buffer.alloc(2048, 7);
    await bot.telegram.sendPhoto(
      aliceChat.id,
      { source: bytes, filename: 'chart.png' },
      { caption: 'Biểu đồ' },
    );
    const call = await api.waitFor((c) => c.method === 'sendPhoto');
    expect(call.payload).toMatchObject({ chat_id: aliceChat.id, caption: 'Biểu đồ', photo: { size: 2048 } });
    expect(call.files[0]?.data.equals(bytes)).toBe(true);
    expect(api.lastSentTo(aliceChat.id)?.caption).toBe('Biểu đồ');
  });

  it('handles incoming photos and rejects bad HTML like Telegram', async () => {
    api.allowRefusals("can't parse entities");
    await launch(tinyBot());
    api.pushUpdate(photoMessage(alice, aliceChat));
    await api.waitForMessage(aliceChat.id, 'nice photo', 3000);
    const bad = tinyBot().telegram.sendMessage(aliceChat.id, 'a<br>b', { parse_mode: 'HTML' });
    await expect(bad).rejects.toMatchObject({
      code: 400,
      description: expect.stringMatching(/Unsupported start tag "br"/),
    });
  });

  it('stop() ends a pending long poll at once', async () => {
    await launch(tinyBot());
    const poll = api.calls.at(-1);
    const started = Date.now();
    await api.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(poll?.result).toEqual([]);
  });

  it('waitForMessage fails with a helpful list of recent calls', async () => {
    await tinyBot().telegram.sendMessage(aliceChat.id, 'something else');
    await expect(api.waitForMessage(aliceChat.id, 'never', 50)).rejects.toThrow(
      /"something else"[\s\S]*#\d+ sendMessage/,
    );
  });
});

describe('fault injection and Telegram rules', () => {
  it('a second poller ends the first with 409 Conflict, which makes telegraf launch() reject', async () => {
    const first = tinyBot();
    const firstLaunch = first.launch();
    await api.waitFor((c) => c.method === 'getUpdates' && c.payload.timeout === 50);
    await launch(tinyBot());
    await expect(firstLaunch).rejects.toMatchObject({
      code: 409,
      description: expect.stringMatching(/^Conflict/),
    });
  });

  it('dropConnection surfaces as a FetchError, delay holds the answer', async () => {
    const bot = tinyBot();
    api.dropConnection('sendMessage');
    await expect(bot.telegram.sendMessage(aliceChat.id, 'x')).rejects.toMatchObject({ name: 'FetchError' });
    api.delay('sendMessage', 150);
    const started = Date.now();
    await bot.telegram.sendMessage(aliceChat.id, 'y');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(api.callsOf('sendMessage').map((c) => c.status)).toEqual(['dropped', 'ok']);
  });

  it('enforceRateLimits answers 429 with retry_after past one message per second per chat', async () => {
    const bot = tinyBot();
    api.enforceRateLimits({ perSecond: 30, perChatPerSecond: 1 });
    await bot.telegram.sendMessage(aliceChat.id, 'one');
    await expect(bot.telegram.sendMessage(aliceChat.id, 'two')).rejects.toMatchObject({
      code: 429,
      parameters: { retry_after: 1 },
    });
    await bot.telegram.sendMessage(2002, 'another chat is fine');
  });

  it('rejects MarkdownV2 with an unescaped reserved character, renders it when escaped', async () => {
    api.allowRefusals("can't parse entities");
    const bot = tinyBot();
    const bad = bot.telegram.sendMessage(aliceChat.id, 'Đạt 95.5%', { parse_mode: 'MarkdownV2' });
    await expect(bad).rejects.toMatchObject({
      description: expect.stringMatching(/Character '\.' is reserved/),
    });
    await bot.telegram.sendMessage(aliceChat.id, '*Đạt* 95\\.5%', { parse_mode: 'MarkdownV2' });
    expect(api.lastSentTo(aliceChat.id)?.text).toBe('Đạt 95.5%');
  });

  it('editing text without reply_markup removes the keyboard, as Telegram does', async () => {
    api.allowRefusals('message to edit not found');
    const bot = tinyBot();
    const sent = await bot.telegram.sendMessage(
      aliceChat.id,
      'a',
      Markup.inlineKeyboard([Markup.button.callback('B', 'b')]),
    );
    await bot.telegram.editMessageText(aliceChat.id, sent.message_id, undefined, 'a2');
    expect(api.buttons(api.lastSentTo(aliceChat.id))).toEqual([]);
    await expect(
      bot.telegram.editMessageReplyMarkup(aliceChat.id, 999_999_999, undefined, undefined),
    ).rejects.toMatchObject({ description: 'Bad Request: message to edit not found' });
  });
});
