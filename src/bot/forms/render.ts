import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Button, Input, OutMessage } from '../../forms/types.js';
import type { BotContext } from '../context.js';

/*
 * The thin adapter between the form engine and Telegram: engine buttons become inline buttons whose
 * callback data carries the form's token (`f:<token>:<action>`), and the engine's messages become
 * sends or in-place edits.
 */

const PREFIX = 'f:';

export function keyboard(token: string, rows: Button[][]): InlineKeyboardMarkup {
  return {
    inline_keyboard: rows.map((row) =>
      row.map((b) => ({ text: b.label, callback_data: `${PREFIX}${token}:${b.action}` })),
    ),
  };
}

/** Callback data of a form button → engine input; null when it is not a form button. */
export function parseFormCallback(data: string): Extract<Input, { type: 'button' }> | null {
  if (!data.startsWith(PREFIX)) return null;
  const rest = data.slice(PREFIX.length);
  const i = rest.indexOf(':');
  if (i <= 0) return null;
  return { type: 'button', token: rest.slice(0, i), action: rest.slice(i + 1) };
}

/** Telegram answers 400 when an edit changes nothing; that is not a failure. */
export function ignoreNotModified(err: unknown): void {
  if (err instanceof Error && /message is not modified/.test(err.message)) return;
  throw err;
}

/** Takes the buttons off the message that was answered, and says what was chosen. */
export async function closeAnsweredMessage(ctx: BotContext, ack?: string): Promise<void> {
  const msg = ctx.callbackQuery?.message;
  if (!msg || !('text' in msg)) return;
  const text = ack ? `${msg.text}\n➡️ ${ack}` : msg.text;
  await ctx.editMessageText(text, { reply_markup: { inline_keyboard: [] } }).catch(ignoreNotModified);
}

/** Telegram's limit on a message's text. */
const MAX_TEXT = 4096;

/**
 * A button answered with the next question to ask: the answered message becomes "question ➡️ answer" followed
 * by the next question and its buttons, in one edit. One Bot API call per press instead of two (close the
 * answered message, send the next), so a form does not wait a second per press on Telegram's one message per
 * second per chat, and the chat keeps one message per run of buttons rather than one per question.
 * false (nothing done) when that does not fit: several messages, no answer to show, or a text too long.
 */
async function askInAnsweredMessage(
  ctx: BotContext,
  token: string,
  ack: string | undefined,
  messages: OutMessage[],
): Promise<boolean> {
  const msg = ctx.callbackQuery?.message;
  const [next] = messages;
  if (!msg || !('text' in msg) || !ack || !next || messages.length !== 1) return false;
  const text = `${msg.text}\n➡️ ${ack}\n\n${next.text}`;
  if (text.length > MAX_TEXT) return false;
  const extra = next.buttons.length > 0 ? keyboard(token, next.buttons) : { inline_keyboard: [] };
  await ctx.editMessageText(text, { reply_markup: extra }).catch(ignoreNotModified);
  return true;
}

/** What answers a button press: asked in the answered message when it fits; else that is closed and they are sent. */
export async function answerPress(
  ctx: BotContext,
  token: string,
  ack: string | undefined,
  messages: OutMessage[],
): Promise<void> {
  if (await askInAnsweredMessage(ctx, token, ack, messages)) return;
  await closeAnsweredMessage(ctx, ack);
  await sendFormMessages(ctx, token, messages);
}

export async function sendFormMessages(
  ctx: BotContext,
  token: string,
  messages: OutMessage[],
): Promise<void> {
  for (const m of messages) {
    const extra = m.buttons.length > 0 ? { reply_markup: keyboard(token, m.buttons) } : {};
    if (m.replace && ctx.callbackQuery?.message) {
      await ctx.editMessageText(m.text, extra).catch(ignoreNotModified);
    } else {
      await ctx.reply(m.text, extra);
    }
  }
}
