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
