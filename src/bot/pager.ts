import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Page } from '../domain/pages.js';
import type { BotContext } from './context.js';
import { ignoreNotModified } from './forms/render.js';
import { M } from './messages.js';

/*
 * A list shown a page at a time (docs/architecture.md, "Messages that fit"): the page's text comes from
 * src/domain/pages.ts, the buttons to the pages beside it from here, and a press on one of them edits the same
 * message rather than sending another.
 */

type Button = InlineKeyboardButton.CallbackButton;

/** "◀️ Trang trước" and "Trang sau ▶️" where there is such a page; `data(i)` is page i's callback data. */
export function pageButtons(
  page: Pick<Page<unknown>, 'index' | 'count'>,
  data: (page: number) => string,
): Button[] {
  return [
    ...(page.index > 0 ? [Markup.button.callback(M.pages.previous, data(page.index - 1))] : []),
    ...(page.index < page.count - 1 ? [Markup.button.callback(M.pages.next, data(page.index + 1))] : []),
  ];
}

/** Rows without the empty ones (a one-page list has no page buttons). */
export const keyboardOf = (rows: InlineKeyboardButton[][]) =>
  Markup.inlineKeyboard(rows.filter((r) => r.length > 0));

/**
 * Shows a page: in place of the pressed message when the press moved between pages (`turned`), else as a new
 * message. A photo cannot become text, so a press on one always sends.
 */
export async function showPage(
  ctx: BotContext,
  text: string,
  keyboard: ReturnType<typeof keyboardOf>,
  turned: boolean,
): Promise<void> {
  const pressed = ctx.callbackQuery?.message;
  if (turned && pressed && 'text' in pressed) {
    await ctx.editMessageText(text, keyboard).catch(ignoreNotModified);
    return;
  }
  await ctx.reply(text, keyboard);
}

/** The page number at the end of a button's data (`…:<page>`), or null for a button that opens the list. */
export function turnedTo(part: string | undefined): number | null {
  return part !== undefined && /^\d{1,4}$/.test(part) ? Number(part) : null;
}
