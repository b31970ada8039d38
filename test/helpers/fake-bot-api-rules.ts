/**
 * The 400s Telegram gives for what a bot sends: text and caption lengths, inline keyboards, callback answers and
 * command lists. Each description is the real Bot API's, from tdlib/telegram-bot-api (Client.cpp) and tdlib/td
 * (ReplyMarkup.cpp, LinkManager.cpp, BotCommand.cpp) or, for checks made by Telegram's servers, as bots observed
 * it; the few places where the fake is stricter than Telegram say so.
 */
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { ApiFailure, renderText } from './fake-bot-api-format.js';

/** A 400 by one of Telegram's rules; `detail` says what in the payload broke it (for FakeBotApi.problems()). */
export class Refusal extends ApiFailure {
  constructor(
    why: string,
    readonly detail: string,
  ) {
    super(400, `Bad Request: ${why}`);
  }
}

/** `"the first characters…" (N characters)`: enough of a text to find it, not the whole of it. */
export function excerpt(value: unknown, max = 40): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const head = s.length > max ? `${s.slice(0, max)}…` : s;
  return `${JSON.stringify(head)} (${s.length} characters)`;
}

// ---- text and captions ----------------------------------------------------------------------------------

/**
 * The text a client would show for a sendMessage/editMessageText `text`. Lengths count UTF-16 code units after
 * entity parsing, as Telegram does; the Bot API refuses a raw text over 32 KiB before parsing it.
 */
export function messageText(text: unknown, parseMode: unknown): string {
  const raw = typeof text === 'string' ? text : text === undefined ? '' : String(text);
  if (Buffer.byteLength(raw) > 1 << 15) throw new Refusal('text is too long', `text ${excerpt(raw)}`);
  const rendered = renderText(raw, parseMode);
  if (rendered.trim() === '') throw new Refusal('message text is empty', `text ${excerpt(raw)}`);
  if (rendered.length > 4096) {
    throw new Refusal('message is too long', `text of ${rendered.length} characters after entity parsing`);
  }
  return rendered;
}

export function captionText(caption: unknown, parseMode: unknown): string {
  const raw = typeof caption === 'string' ? caption : caption === undefined ? '' : String(caption);
  if (Buffer.byteLength(raw) > 1 << 15) throw new Refusal('text is too long', `caption ${excerpt(raw)}`);
  const rendered = renderText(raw, parseMode);
  if (rendered.length > 1024) {
    throw new Refusal(
      'message caption is too long',
      `caption of ${rendered.length} characters after entity parsing`,
    );
  }
  return rendered;
}

// ---- inline keyboards -----------------------------------------------------------------------------------

/**
 * What a button can do; the Bot API docs say exactly one must be set. The Bot API itself takes the first of them
 * in this order and drops the rest (Client.cpp, get_inline_keyboard_button_type), so a second action silently
 * vanishes there; the fake refuses it instead (see `checkButton`). An empty url or callback_data counts as unset.
 */
const ACTIONS = [
  'url',
  'callback_data',
  'callback_game',
  'pay',
  'switch_inline_query',
  'switch_inline_query_chosen_chat',
  'switch_inline_query_current_chat',
  'login_url',
  'web_app',
  'copy_text',
] as const;
const STRING_FIELDS = [
  'text',
  'url',
  'callback_data',
  'switch_inline_query',
  'switch_inline_query_current_chat',
];
/** Limits from tginfo/Telegram-Limits: 8 buttons in a row, 100 in a keyboard. */
const MAX_ROW = 8;
const MAX_BUTTONS = 100;

/**
 * The inline keyboard of a send or edit (undefined when there is none), after Telegram's checks. A reply
 * keyboard, remove_keyboard or force_reply is accepted for sends and not kept (it lives on the client); edits take
 * only inline keyboards.
 */
export function inlineKeyboard(
  value: unknown,
  editing: boolean,
  chatType = 'private',
): InlineKeyboardMarkup | undefined {
  if (value === undefined || value === '') return undefined;
  const markup = typeof value === 'string' ? parseJson(value) : value;
  if (markup === undefined) {
    throw new Refusal("can't parse reply keyboard markup JSON object", `reply_markup ${excerpt(value)}`);
  }
  if (!markup || typeof markup !== 'object' || Array.isArray(markup)) {
    throw new Refusal('object expected as reply markup', `reply_markup ${excerpt(markup)}`);
  }
  const fields = markup as Record<string, unknown>;
  const keyboard = fields.inline_keyboard;
  if (keyboard === undefined) {
    const other = ['keyboard', 'remove_keyboard', 'hide_keyboard', 'force_reply'].some((k) => fields[k]);
    if (editing && other)
      throw new Refusal('inline keyboard expected', `reply_markup ${excerpt(markup, 80)}`);
    return undefined;
  }
  if (!Array.isArray(keyboard)) {
    throw new Refusal(
      'field "inline_keyboard" must be of type Array',
      `inline_keyboard ${excerpt(keyboard)}`,
    );
  }
  keyboard.forEach((row: unknown, r) => {
    if (!Array.isArray(row)) {
      throw new Refusal(
        'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
        `row ${r + 1}: ${excerpt(row)}`,
      );
    }
    row.forEach((button: unknown, b) => {
      checkButton(button, `row ${r + 1} button ${b + 1}`, chatType);
    });
  });
  checkSize(keyboard as unknown[][]);
  return keyboard.length > 0 ? (markup as InlineKeyboardMarkup) : undefined;
}

function checkButton(value: unknown, where: string, chatType: string): void {
  const refuse = (why: string) => new Refusal(why, `${where}: ${JSON.stringify(value)}`);
  const unparsable = (why: string) => refuse(`can't parse inline keyboard button: ${why}`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw unparsable('InlineKeyboardButton must be an Object');
  }
  const button = value as Record<string, unknown>;
  if (button.text === undefined) throw unparsable('Can\'t find field "text"');
  for (const field of STRING_FIELDS) {
    const v = button[field];
    if (v !== undefined && typeof v !== 'string' && typeof v !== 'number') {
      throw unparsable(`Field "${field}" must be of type String`);
    }
  }
  const actions = ACTIONS.filter(
    (k) => k in button && !((k === 'url' || k === 'callback_data') && button[k] === ''),
  );
  if (actions.length === 0) throw unparsable('Text buttons are unallowed in the inline keyboard');
  // Stricter than Telegram, which keeps the first action and drops the others (see ACTIONS). BUTTON_TYPE_INVALID
  // is what Telegram answers for a button of a kind it will not take.
  if (actions.length > 1) throw refuse('BUTTON_TYPE_INVALID');
  // tdlib drops a button with an empty text silently, unless it has an icon; then it answers this. The fake always
  // answers it: a button that quietly disappears is a bug.
  if (String(button.text) === '') throw refuse('inline keyboard button text must be non-empty');
  if (actions[0] === 'url') {
    const url = String(button.url);
    const why = urlError(url);
    if (why) throw refuse(`inline keyboard button URL '${url}' is invalid: ${why}`);
  }
  if (actions[0] === 'web_app') {
    // "Available only in private chats between a user and the bot" (Bot API, InlineKeyboardButton).
    if (chatType !== 'private') throw refuse('BUTTON_TYPE_INVALID');
    const why = webAppUrlError(button.web_app);
    if (why) throw refuse(why);
  }
  if (actions[0] === 'callback_data' && Buffer.byteLength(String(button.callback_data)) > 64) {
    throw refuse('BUTTON_DATA_INVALID');
  }
}

/**
 * Telegram's servers answer REPLY_MARKUP_TOO_LONG (the Bot API's "reply markup is too long") for a keyboard over
 * its size limit, observed from about 100 buttons. Over 8 buttons in a row: no refusal text is documented or
 * observed (tdlib itself cuts rows at 12), so the fake gives the same answer as for too many buttons.
 */
function checkSize(keyboard: unknown[][]): void {
  const wide = keyboard.findIndex((row) => row.length > MAX_ROW);
  if (wide !== -1) {
    const row = keyboard[wide] as unknown[];
    throw new Refusal(
      'reply markup is too long',
      `row ${wide + 1} has ${row.length} buttons (at most ${MAX_ROW})`,
    );
  }
  const total = keyboard.reduce((n, row) => n + row.length, 0);
  if (total > MAX_BUTTONS) {
    throw new Refusal('reply markup is too long', `${total} buttons (at most ${MAX_BUTTONS})`);
  }
}

/**
 * Why tdlib's LinkManager::check_link refuses a button URL, or undefined when it takes it: http(s) with a host that
 * has a dot (so not localhost), or tg://host with a plain host. Ports, IPv6 and user info are not checked.
 */
export function urlError(url: string): string | undefined {
  const tg = /^tg:(\/\/)?/i.exec(url);
  const rest = tg ? url.slice(tg[0].length) : url;
  const scheme = /^([^:/?#@[\]]*):\/\//.exec(rest);
  if (scheme && (tg || !/^https?$/i.test(scheme[1] ?? ''))) {
    return tg ? 'Wrong tg URL' : 'Unsupported URL protocol';
  }
  const authority = /^[^/?#]*/.exec(scheme ? rest.slice(scheme[0].length) : rest)?.[0] ?? '';
  const host = authority.replace(/^.*@/, '').replace(/:\d*$/, '');
  if (host === '') return 'URL host is empty';
  if (tg) return /^[\w-]+$/.test(host) ? undefined : 'Unallowed characters in URL host';
  if (!host.includes('.') && !host.startsWith('[')) return 'Wrong HTTP URL';
  return undefined;
}

/**
 * A WebAppInfo: an object with a url Telegram opens as a Mini App, which must be https (Bot API, WebAppInfo: "An
 * HTTPS URL of a Web App"); tdlib's words for a button's and a menu button's.
 */
function webAppUrlError(info: unknown): string | null {
  if (!info || typeof info !== 'object' || Array.isArray(info)) {
    return 'can\'t parse inline keyboard button: Field "web_app" must be of type Object';
  }
  const url = (info as Record<string, unknown>).url;
  if (typeof url !== 'string') return 'can\'t parse WebAppInfo: Can\'t find field "url"';
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {}
  if (parsed?.protocol !== 'https:' || !parsed.hostname) {
    return `inline keyboard button Web App URL '${url}' is invalid: Only HTTPS links are allowed`;
  }
  return null;
}

// ---- setChatMenuButton ------------------------------------------------------------------------------------

export type MenuButton =
  | { type: 'commands' | 'default' }
  | { type: 'web_app'; text: string; web_app: { url: string } };

/** MenuButtonCommands, MenuButtonDefault or MenuButtonWebApp (text and an https WebAppInfo); absent: default. */
export function menuButton(value: unknown): MenuButton {
  if (value === undefined || value === '') return { type: 'default' };
  const b = typeof value === 'string' ? parseJson(value) : value;
  const where = `menu_button ${excerpt(b ?? value, 80)}`;
  if (!b || typeof b !== 'object' || Array.isArray(b)) {
    throw new Refusal("can't parse menu button JSON object", where);
  }
  const f = b as Record<string, unknown>;
  if (f.type === 'commands' || f.type === 'default') return { type: f.type };
  if (f.type !== 'web_app') throw new Refusal('Unsupported menu button type', where);
  if (typeof f.text !== 'string' || f.text.trim() === '') {
    throw new Refusal('Text of the menu button must be non-empty', where);
  }
  const why = webAppUrlError(f.web_app);
  if (why) throw new Refusal(why.replace('inline keyboard button', 'menu button'), where);
  return { type: 'web_app', text: f.text, web_app: { url: String((f.web_app as { url: string }).url) } };
}

// ---- answerCallbackQuery and setMyCommands --------------------------------------------------------------

/** A toast or alert of at most 200 characters; Telegram's servers answer MESSAGE_TOO_LONG past that. */
export function checkCallbackAnswer(p: Record<string, unknown>): void {
  const text = p.text === undefined ? '' : String(p.text);
  if (text.length > 200) throw new Refusal('MESSAGE_TOO_LONG', `text ${excerpt(text)}`);
}

export interface BotCommand {
  command: string;
  description: string;
}

/**
 * The commands as Telegram stores them: trimmed, without a leading '/'. tdlib checks emptiness and lengths (in
 * characters, BotCommand.cpp); Telegram's servers check the characters and the count.
 */
export function botCommands(value: unknown): BotCommand[] {
  if (value === undefined || value === '') return [];
  const list = typeof value === 'string' ? parseJson(value) : value;
  if (list === undefined) throw new Refusal("can't parse commands JSON object", `commands ${excerpt(value)}`);
  if (!Array.isArray(list)) throw new Refusal('expected an Array of BotCommand', `commands ${excerpt(list)}`);
  const commands = list.map((item: unknown, i) =>
    botCommand(item, `command ${i + 1}: ${JSON.stringify(item)}`),
  );
  commands.forEach((c, i) => {
    if (!/^[a-z0-9_]{1,32}$/.test(c.command)) {
      throw new Refusal('BOT_COMMAND_INVALID', `command ${i + 1}: ${JSON.stringify(c.command)}`);
    }
  });
  if (commands.length > 100)
    throw new Refusal('BOT_COMMANDS_TOO_MUCH', `${commands.length} commands (at most 100)`);
  return commands;
}

function botCommand(item: unknown, where: string): BotCommand {
  const refuse = (why: string) => new Refusal(why, where);
  if (!item || typeof item !== 'object' || Array.isArray(item))
    throw refuse("can't parse BotCommand: expected an Object");
  const fields = item as Record<string, unknown>;
  for (const name of ['command', 'description']) {
    const v = fields[name];
    if (v === undefined) throw refuse(`can't parse BotCommand: Can't find field "${name}"`);
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw refuse(`can't parse BotCommand: Field "${name}" must be of type String`);
    }
  }
  const command = String(fields.command).trim().replace(/^\//, '');
  const description = String(fields.description).trim();
  const characters = (s: string) => [...s].length;
  if (command === '') throw refuse('command must be non-empty');
  if (characters(command) > 32) throw refuse('command length must not exceed 32');
  if (description === '') throw refuse('command description must be non-empty');
  if (characters(description) > 256) throw refuse('command description length must not exceed 256');
  return { command, description };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
