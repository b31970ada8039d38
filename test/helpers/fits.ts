import { expect } from 'vitest';
import { BUTTONS_MAX, CALLBACK_DATA_MAX_BYTES, CAPTION_MAX, MESSAGE_MAX } from '../../src/domain/pages.js';
import type { Conversation } from './conversation.js';
import type { SentMessage } from './updates.js';

/** Telegram's rule on buttons in a row (the fake refuses more too; asserted here so a test says what it checks). */
const ROW_MAX = 8;

/** What a user sees fits Telegram: the text, the caption, the number of buttons, their rows and callback data. */
export function expectFits(m: SentMessage): void {
  expect((m.text ?? '').length).toBeLessThanOrEqual(MESSAGE_MAX);
  expect((m.caption ?? '').length).toBeLessThanOrEqual(CAPTION_MAX);
  const rows = m.reply_markup?.inline_keyboard ?? [];
  expect(rows.flat().length).toBeLessThanOrEqual(BUTTONS_MAX);
  for (const row of rows) expect(row.length).toBeLessThanOrEqual(ROW_MAX);
  for (const b of rows.flat()) {
    if ('callback_data' in b)
      expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
  }
}

export interface Paged {
  /** The text of each page, first to last. */
  texts: string[];
  /** The buttons' labels of each page. */
  labels: string[][];
}

/**
 * Every page of `message`, turned with "Trang sau ▶️" until the last: each checked with expectFits, and each
 * turn an edit of the same message (the chat gets no new message).
 */
export async function readAllPages(c: Conversation, message: SentMessage): Promise<Paged> {
  const out: Paged = { texts: [], labels: [] };
  const sent = c.all().length;
  for (;;) {
    expectFits(message);
    out.texts.push(message.text ?? '');
    out.labels.push(c.buttonLabels(message));
    if (!c.buttonLabels(message).includes('Trang sau ▶️')) break;
    await c.press('Trang sau ▶️', message);
  }
  expect(c.all().length).toBe(sent);
  const n = out.texts.length;
  if (n > 1)
    expect(out.texts.map((t) => /Trang \d+\/\d+$/.exec(t)?.[0])).toEqual(
      out.texts.map((_, i) => `Trang ${i + 1}/${n}`),
    );
  return out;
}

/** The longest of `texts`, for a test's log of page sizes. */
export const longest = (texts: readonly string[]) => Math.max(...texts.map((t) => t.length));
