import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiFailure, FakeBotApi, TEST_TOKEN } from '../helpers/fake-bot-api.js';
import { checkFakes } from '../helpers/fake-bot-api-problems.js';
import { privateChat, textMessage, user } from '../helpers/updates.js';

/* The fake Bot API refuses what Telegram refuses, with Telegram's descriptions, and keeps what the bot got wrong. */

const alice = user(1001, 'Alice');
const chat_id = alice.id;
let api: FakeBotApi;
let apiRoot: string;

beforeEach(async () => {
  api = new FakeBotApi();
  apiRoot = await api.start();
});
afterEach(() => api.stop());

interface Answer {
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string };
}

/** A plain JSON call, as any client would make it. */
async function call(method: string, payload: Record<string, unknown> = {}): Promise<Answer> {
  const res = await fetch(`${apiRoot}/bot${TEST_TOKEN}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const refusal = (description: string) => ({
  status: 400,
  body: { ok: false, error_code: 400, description },
});
const ok = { status: 200, body: expect.objectContaining({ ok: true }) };

const button = (text: string, data = 'x') => ({ text, callback_data: data });
const keyboard = (rows: unknown[]) => ({ inline_keyboard: rows });
const grid = (rows: number, perRow: number) =>
  keyboard(
    Array.from({ length: rows }, (_, r) => Array.from({ length: perRow }, (_, b) => button(`${r}.${b}`))),
  );
const withKeyboard = (reply_markup: unknown) => ({ chat_id, text: 'Chọn', reply_markup });
const withRows = (rows: unknown) => withKeyboard({ inline_keyboard: rows });
const PARSE = "can't parse inline keyboard button";

describe('Telegram rules: each refusal and its description', () => {
  beforeEach(() => api.allowRefusals());

  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ['empty text', 'sendMessage', { chat_id, text: '' }, 'message text is empty'],
    [
      'text empty after entity parsing',
      'sendMessage',
      { chat_id, text: '<b> </b>', parse_mode: 'HTML' },
      'message text is empty',
    ],
    [
      'text over 4096 UTF-16 units',
      'sendMessage',
      { chat_id, text: '😀'.repeat(2049) },
      'message is too long',
    ],
    ['raw text over 32 KiB', 'sendMessage', { chat_id, text: 'ạ'.repeat(11_000) }, 'text is too long'],
    [
      'caption over 1024',
      'sendPhoto',
      { chat_id, photo: 'file-1', caption: 'a'.repeat(1025) },
      'message caption is too long',
    ],
    ['more than 100 buttons', 'sendMessage', withKeyboard(grid(13, 8)), 'reply markup is too long'],
    ['more than 8 buttons in a row', 'sendMessage', withKeyboard(grid(1, 9)), 'reply markup is too long'],
    [
      'a button with empty text',
      'sendMessage',
      withRows([[button('')]]),
      'inline keyboard button text must be non-empty',
    ],
    [
      'a button without text',
      'sendMessage',
      withRows([[{ callback_data: 'x' }]]),
      `${PARSE}: Can't find field "text"`,
    ],
    [
      'a button with no action',
      'sendMessage',
      withRows([[{ text: 'A' }]]),
      `${PARSE}: Text buttons are unallowed in the inline keyboard`,
    ],
    [
      'empty callback_data is no action',
      'sendMessage',
      withRows([[button('A', '')]]),
      `${PARSE}: Text buttons are unallowed in the inline keyboard`,
    ],
    [
      'a button with two actions',
      'sendMessage',
      withRows([[{ text: 'A', callback_data: 'a', url: 'https://a.vn' }]]),
      'BUTTON_TYPE_INVALID',
    ],
    [
      'callback_data over 64 bytes',
      'sendMessage',
      withRows([[button('A', 'đ'.repeat(33))]]),
      'BUTTON_DATA_INVALID',
    ],
    [
      'a url field of the wrong type',
      'sendMessage',
      withRows([[{ text: 'A', url: null }]]),
      `${PARSE}: Field "url" must be of type String`,
    ],
    [
      'a url that is not http(s) or tg',
      'sendMessage',
      withRows([[{ text: 'A', url: 'ftp://a.vn/x' }]]),
      "inline keyboard button URL 'ftp://a.vn/x' is invalid: Unsupported URL protocol",
    ],
    [
      'a url without a dot in its host',
      'sendMessage',
      withRows([[{ text: 'A', url: 'http://localhost:5173/x' }]]),
      "inline keyboard button URL 'http://localhost:5173/x' is invalid: Wrong HTTP URL",
    ],
    [
      'rows that are not arrays',
      'sendMessage',
      withRows([button('A')]),
      'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
    ],
    [
      'inline_keyboard not an array',
      'sendMessage',
      withRows({ a: 1 }),
      'field "inline_keyboard" must be of type Array',
    ],
    ['markup not an object', 'sendMessage', withKeyboard('[[1]]'), 'object expected as reply markup'],
    [
      'markup not JSON',
      'sendMessage',
      withKeyboard('{inline'),
      "can't parse reply keyboard markup JSON object",
    ],
    [
      'an unknown callback query',
      'answerCallbackQuery',
      { callback_query_id: 'cbq-nope' },
      'query is too old and response timeout expired or query ID is invalid',
    ],
    [
      'a command with capitals',
      'setMyCommands',
      { commands: [{ command: 'Start', description: 'Bắt đầu' }] },
      'BOT_COMMAND_INVALID',
    ],
    [
      'a command with a hyphen',
      'setMyCommands',
      { commands: [{ command: 'bao-cao', description: 'Báo cáo' }] },
      'BOT_COMMAND_INVALID',
    ],
    [
      'a command over 32 characters',
      'setMyCommands',
      { commands: [{ command: 'a'.repeat(33), description: 'x' }] },
      'command length must not exceed 32',
    ],
    [
      'a blank description',
      'setMyCommands',
      { commands: [{ command: 'start', description: '  ' }] },
      'command description must be non-empty',
    ],
    [
      'a description over 256 characters',
      'setMyCommands',
      { commands: [{ command: 'start', description: 'ư'.repeat(257) }] },
      'command description length must not exceed 256',
    ],
    [
      'more than 100 commands',
      'setMyCommands',
      { commands: Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: 'x' })) },
      'BOT_COMMANDS_TOO_MUCH',
    ],
    [
      'a web_app button to an http page',
      'sendMessage',
      withRows([[{ text: 'A', web_app: { url: 'http://a.vn/dashboard' } }]]),
      "inline keyboard button Web App URL 'http://a.vn/dashboard' is invalid: Only HTTPS links are allowed",
    ],
    [
      'a web_app button in a group',
      'sendMessage',
      {
        chat_id: -1001,
        text: 'Chọn',
        reply_markup: keyboard([[{ text: 'A', web_app: { url: 'https://a.vn/' } }]]),
      },
      'BUTTON_TYPE_INVALID',
    ],
    [
      'a menu button of an unknown type',
      'setChatMenuButton',
      { menu_button: { type: 'app' } },
      'Unsupported menu button type',
    ],
    [
      'a web_app menu button without text',
      'setChatMenuButton',
      { menu_button: { type: 'web_app', web_app: { url: 'https://a.vn/' } } },
      'Text of the menu button must be non-empty',
    ],
    [
      'a web_app menu button to an http page',
      'setChatMenuButton',
      { menu_button: { type: 'web_app', text: 'Mở', web_app: { url: 'http://a.vn/' } } },
      "menu button Web App URL 'http://a.vn/' is invalid: Only HTTPS links are allowed",
    ],
    ['getFile with an unknown file_id', 'getFile', { file_id: 'khong-co' }, 'invalid file_id'],
  ];

  it.each(cases)('%s', async (_name, method, payload, description) => {
    expect(await call(method, payload)).toEqual(refusal(`Bad Request: ${description}`));
    expect(api.log.refusals.at(-1)).toMatchObject({ method, description: `Bad Request: ${description}` });
  });

  it('getFile of a file over 20 MB', async () => {
    const { file_id } = api.addFile(Buffer.alloc(20 * 1024 * 1024 + 1), 'lon.xlsx');
    expect(await call('getFile', { file_id })).toEqual(refusal('Bad Request: file is too big'));
  });

  it('an empty command: " / " is trimmed and stripped of its slash to nothing', async () => {
    const answer = await call('setMyCommands', { commands: [{ command: ' / ', description: 'x' }] });
    expect(answer).toEqual(refusal('Bad Request: command must be non-empty'));
  });

  it('accepts what sits exactly at each limit', async () => {
    expect(await call('sendMessage', { chat_id, text: '😀'.repeat(2048) })).toEqual(ok);
    expect(
      await call('sendMessage', { chat_id, text: `<b>${'a'.repeat(4096)}</b>`, parse_mode: 'HTML' }),
    ).toEqual(ok);
    expect(
      await call(
        'sendMessage',
        withKeyboard(keyboard([...grid(12, 8).inline_keyboard, grid(1, 4).inline_keyboard[0]])),
      ),
    ).toEqual(ok);
    expect(await call('sendMessage', withRows([[button('A', 'đ'.repeat(32))]]))).toEqual(ok);
    const links = [
      'https://a.vn/x?y=1',
      'http://127.0.0.1:8080/',
      'tg://resolve?domain=test_bot',
      'tg://user?id=1',
    ];
    expect(await call('sendMessage', withRows([links.map((url) => ({ text: url, url }))]))).toEqual(ok);
    expect(await call('sendPhoto', { chat_id, photo: 'file-1', caption: 'a'.repeat(1024) })).toEqual(ok);
    const commands = [{ command: '/bao_cao2', description: ` ${'ư'.repeat(256)} ` }];
    expect(await call('setMyCommands', { commands })).toEqual(ok);
    expect((await call('getMyCommands')).body.result).toEqual([
      { command: 'bao_cao2', description: 'ư'.repeat(256) },
    ]);
  });

  it('takes a web_app button in a private chat and a web_app menu button over https', async () => {
    const app = { text: 'Mở', web_app: { url: 'https://a.vn/dashboard?unit=1' } };
    expect(await call('sendMessage', withRows([[app]]))).toEqual(ok);
    expect(await call('setChatMenuButton', { menu_button: { type: 'web_app', ...app } })).toEqual(ok);
    expect((await call('getChatMenuButton')).body.result).toEqual({ type: 'web_app', ...app });
    expect(await call('setChatMenuButton', { menu_button: { type: 'commands' } })).toEqual(ok);
  });

  it('a refused setMyCommands leaves the commands as they were', async () => {
    await call('setMyCommands', { commands: [{ command: 'start', description: 'Bắt đầu' }] });
    await call('setMyCommands', { commands: [{ command: 'Start', description: 'Bắt đầu' }] });
    expect((await call('getMyCommands')).body.result).toEqual([{ command: 'start', description: 'Bắt đầu' }]);
  });

  it('edits follow the same keyboard and length rules, and take only inline keyboards', async () => {
    const sent = await call('sendMessage', withRows([[button('A')]]));
    const message_id = (sent.body.result as { message_id: number }).message_id;
    const edit = (method: string, extra: Record<string, unknown>) =>
      call(method, { chat_id, message_id, ...extra });
    expect(await edit('editMessageReplyMarkup', { reply_markup: grid(1, 9) })).toEqual(
      refusal('Bad Request: reply markup is too long'),
    );
    expect(await edit('editMessageText', { text: 'a'.repeat(4097) })).toEqual(
      refusal('Bad Request: message is too long'),
    );
    expect(await edit('editMessageText', { text: 'B', reply_markup: { keyboard: [['B']] } })).toEqual(
      refusal('Bad Request: inline keyboard expected'),
    );
    expect(await edit('editMessageText', { text: 'B', reply_markup: keyboard([[button('B')]]) })).toEqual(ok);
    expect(await edit('editMessageText', { text: 'B', reply_markup: keyboard([[button('B')]]) })).toEqual(
      refusal(
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      ),
    );
  });

  it('a press can be answered once, and not with over 200 characters', async () => {
    const press = await deliveredPress();
    expect(await call('answerCallbackQuery', { callback_query_id: press, text: 'a'.repeat(201) })).toEqual(
      refusal('Bad Request: MESSAGE_TOO_LONG'),
    );
    expect(await call('answerCallbackQuery', { callback_query_id: press, text: 'a'.repeat(200) })).toEqual(
      ok,
    );
    expect(await call('answerCallbackQuery', { callback_query_id: press })).toEqual(
      refusal('Bad Request: query is too old and response timeout expired or query ID is invalid'),
    );
  });
});

/** A bot's two polls, by hand: the first takes the pending updates, the second confirms them. */
async function poll(confirm = true): Promise<Update[]> {
  const updates = (await call('getUpdates', { offset: 0, timeout: 0 })).body.result as Update[];
  const last = updates.at(-1)?.update_id;
  if (confirm && last !== undefined) await call('getUpdates', { offset: last + 1, timeout: 0 });
  return updates;
}

/** A press on a message the bot sent, delivered and confirmed: its query id. */
async function deliveredPress(): Promise<string> {
  await call('sendMessage', withRows([[button('Có', 'yes')]]));
  const message = api.lastSentTo(chat_id);
  if (!message) throw new Error('not sent');
  const { queryId } = api.clickButton(alice, chat_id, message, 'Có');
  await poll();
  return queryId;
}

describe('problems(): what the setup file checks after every test', () => {
  it('lists a refusal with its method, description and what broke the rule; allowRefusals() hides it', async () => {
    await call('sendMessage', withRows([[button('Xác nhận', 'confirm:'.repeat(9))]]));
    await call('sendMessage', { chat_id, text: 'a'.repeat(5000) });
    expect(api.problems()).toEqual([
      expect.stringMatching(
        /^#0 sendMessage refused: Bad Request: BUTTON_DATA_INVALID — row 1 button 1: .*Xác nhận/,
      ),
      '#1 sendMessage refused: Bad Request: message is too long — text of 5000 characters after entity parsing',
    ]);
    api.allowRefusals(/BUTTON_DATA_INVALID/);
    expect(api.problems()).toHaveLength(1);
    api.clearProblems();
    expect(api.problems()).toEqual([]);
  });

  it('does not count faults a test injects: failNext, a blocked chat, handle(), rate limits', async () => {
    api.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
    expect((await call('sendMessage', { chat_id, text: 'a' })).status).toBe(400);
    api.block(chat_id);
    expect((await call('sendMessage', { chat_id, text: 'a' })).status).toBe(403);
    api.block(chat_id, false);
    api.handle('deleteMessage', () => {
      throw new ApiFailure(400, 'Bad Request: message to delete not found');
    });
    expect((await call('deleteMessage', { chat_id, message_id: 1 })).status).toBe(400);
    api.enforceRateLimits({ perChatPerSecond: 1 });
    await call('sendMessage', { chat_id, text: 'a' });
    expect((await call('sendMessage', { chat_id, text: 'b' })).status).toBe(429);
    expect(api.problems()).toEqual([]);
  });

  it('lists a press the bot confirmed and never answered, once', async () => {
    const queryId = await deliveredPress();
    expect(api.problems()).toEqual([
      expect.stringMatching(
        new RegExp(`^press never answered: update \\d+, query ${queryId}, data "yes" on message \\d+ "Chọn"`),
      ),
    ]);
    api.clearProblems();
    expect(api.problems()).toEqual([]);
  });

  it('does not count a press nobody polled for, nor one delivered but not confirmed (a bot killed mid-press)', async () => {
    await call('sendMessage', withRows([[button('Có', 'yes')]]));
    const message = api.lastSentTo(chat_id);
    if (!message) throw new Error('not sent');
    api.clickButton(alice, chat_id, message, 'Có');
    expect(api.problems()).toEqual([]);
    expect(await poll(false)).toHaveLength(1);
    expect(api.problems()).toEqual([]);
    // Confirming a later update confirms this one too: now it counts.
    api.pushUpdate(textMessage(alice, privateChat(alice), 'hi'));
    await poll();
    expect(api.problems()).toEqual([expect.stringMatching(/^press never answered/)]);
    api.clearProblems();
  });

  it('a press delivered again after a crash is one press: answered once is enough, twice is refused', async () => {
    await call('sendMessage', withRows([[button('Có', 'yes')]]));
    const message = api.lastSentTo(chat_id);
    if (!message) throw new Error('not sent');
    const { queryId, updateId } = api.clickButton(alice, chat_id, message, 'Có');
    await poll(false);
    expect((await call('answerCallbackQuery', { callback_query_id: queryId })).status).toBe(200);
    await poll(); // the restarted bot gets it again and confirms it
    expect(api.timesDelivered(updateId)).toBe(2);
    expect(api.problems()).toEqual([]);
    expect((await call('answerCallbackQuery', { callback_query_id: queryId })).status).toBe(400);
    expect(api.problems()).toEqual([
      expect.stringMatching(
        /answerCallbackQuery refused: .*query is too old.* — query cbq-\d+ was already answered by call #\d+/,
      ),
    ]);
    api.clearProblems();
  });

  it('lists a press POSTed to a webhook that answered 200 and never answered the press', async () => {
    const hook = await webhook(() => '');
    const { status } = await api.postToWebhook(hook.url, await pressOnChon(), 'bi-mat');
    expect(status).toBe(200);
    expect(api.problems()).toEqual([
      expect.stringMatching(
        /^press never answered: update \d+, query cbq-\d+, data "yes" on message \d+ "Chọn"/,
      ),
    ]);
    api.clearProblems();
    expect(hook.got).toEqual([expect.objectContaining({ secret: 'bi-mat' })]);
    await hook.close();
  });

  it('a webhook that did not answer 200 was not given the press, a problem unless allowed (Telegram would deliver it again); one answered by the Bot API is fine', async () => {
    let status = 500;
    const hook = await webhook(
      () => '',
      () => status,
    );
    expect((await api.postToWebhook(hook.url, await pressOnChon(), 'bi-mat')).status).toBe(500);
    expect(api.problems()).toEqual([
      expect.stringMatching(
        /^webhook answered 500 to an update with a press: update \d+, query cbq-\d+, data "yes" on message \d+ "Chọn"/,
      ),
    ]);
    api.clearProblems();
    api.allowRefusals('webhook answered 503');
    status = 503;
    await api.postToWebhook(hook.url, await pressOnChon(), 'bi-mat');
    expect(api.problems()).toEqual([]);
    status = 200;
    const press = await pressOnChon();
    const queryId = 'callback_query' in press ? press.callback_query.id : '';
    // The bot answers through the Bot API while the POST is in hand, as the real bot does.
    hook.onUpdate = () => call('answerCallbackQuery', { callback_query_id: queryId });
    await api.postToWebhook(hook.url, press, 'bi-mat');
    expect(api.problems()).toEqual([]);
    await hook.close();
  });

  it('a press POSTed again is one press: answered by the first delivery, answered; handled by it, still owed an answer', async () => {
    let status = 500;
    const hook = await webhook(
      () => '',
      () => status,
    );
    api.allowRefusals('webhook answered 500');
    // The bot answers the press, then fails the POST: Telegram delivers it again, and the bot knows it answered.
    const answered = await pressOnChon();
    const answeredId = 'callback_query' in answered ? answered.callback_query.id : '';
    hook.onUpdate = () => call('answerCallbackQuery', { callback_query_id: answeredId });
    await api.postToWebhook(hook.url, answered, 'bi-mat');
    hook.onUpdate = async () => undefined;
    status = 200;
    await api.postToWebhook(hook.url, lastGot(hook), 'bi-mat');
    const [first, again] = hook.got.map((g) => g.update.update_id);
    expect(again).toBe(first);
    expect(api.problems()).toEqual([]);
    // Handled (200) and not answered, then delivered again and refused: still a press never answered.
    const handled = await pressOnChon();
    await api.postToWebhook(hook.url, handled, 'bi-mat');
    status = 500;
    await api.postToWebhook(hook.url, lastGot(hook), 'bi-mat');
    expect(api.problems()).toEqual([expect.stringMatching(/^press never answered: update \d+/)]);
    api.clearProblems();
    await hook.close();
  });

  it('a press answered in the webhook’s HTTP answer is answered, by a call of its own, and only once', async () => {
    const answerInReply = (u: Update) =>
      'callback_query' in u
        ? JSON.stringify({
            method: 'answerCallbackQuery',
            callback_query_id: u.callback_query.id,
            text: 'Đã lưu',
          })
        : '';
    const hook = await webhook(answerInReply);
    const press = await pressOnChon();
    await api.postToWebhook(hook.url, press, 'bi-mat');
    expect(api.problems()).toEqual([]);
    const queryId = 'callback_query' in press ? press.callback_query.id : '';
    expect(api.callsOf('answerCallbackQuery')).toEqual([
      expect.objectContaining({ status: 'ok', payload: { callback_query_id: queryId, text: 'Đã lưu' } }),
    ]);
    // Answered again through the Bot API: refused, as Telegram refuses a second answer.
    expect((await call('answerCallbackQuery', { callback_query_id: queryId })).status).toBe(400);
    expect(api.problems()).toEqual([expect.stringMatching(/was already answered by call #\d+/)]);
    api.clearProblems();
    await hook.close();
  });

  it('checkFakes() throws listing every fake’s problems, then forgets them', async () => {
    await call('sendMessage', { chat_id, text: '' });
    await deliveredPress();
    await expect(checkFakes(50)).rejects.toThrow(
      new RegExp(
        `saw 2 problem\\(s\\)[^]*${api.label}: #0 sendMessage refused: Bad Request: message text is empty[^]*press never answered`,
      ),
    );
    await expect(checkFakes(50)).resolves.toBeUndefined();
  });
});

/** A press of "Có" on a new message the bot sent, not yet delivered. */
async function pressOnChon() {
  await call('sendMessage', withRows([[button('Có', 'yes')]]));
  const message = api.lastSentTo(chat_id);
  if (!message) throw new Error('not sent');
  return api.pressOf(alice, chat_id, message, 'Có');
}

/** The update the webhook got last, to POST again as Telegram delivers an update again: with its update_id. */
function lastGot(hook: { got: { update: Update }[] }): Update {
  const update = hook.got.at(-1)?.update;
  if (!update) throw new Error('the webhook got nothing');
  return update;
}

/**
 * A bot's webhook, by hand: answers each POST with `status()` and the body `reply(update)` gives (JSON when not
 * empty), after `onUpdate` (the bot's handling) has finished.
 */
async function webhook(reply: (u: Update) => string, status = () => 200) {
  const hook = {
    url: '',
    got: [] as { secret: unknown; update: Update }[],
    onUpdate: async (_u: Update): Promise<unknown> => undefined,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const update = JSON.parse(Buffer.concat(chunks).toString()) as Update;
    hook.got.push({ secret: req.headers['x-telegram-bot-api-secret-token'], update });
    await hook.onUpdate(update);
    const body = reply(update);
    res.writeHead(status(), { 'content-type': body ? 'application/json' : 'text/plain' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return hook;
}
