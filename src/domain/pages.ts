/*
 * Telegram's size limits, and lists too long for one message cut into pages (docs/architecture.md, "Messages
 * that fit"). A message never passes MESSAGE_MAX; a list that would is shown a page at a time, each page a whole
 * number of blocks (a unit and its lines), with "Trang 2/5" and buttons to move. Pure: the handlers add buttons.
 */

/** Telegram's limit on a message's text, in UTF-16 code units after entity parsing (we send plain text). */
export const MESSAGE_MAX = 4096;
/** Telegram's limit on a photo's or document's caption. */
export const CAPTION_MAX = 1024;
/** Telegram's limit on one button's callback_data, in bytes of UTF-8. */
export const CALLBACK_DATA_MAX_BYTES = 64;
/** Telegram accepts up to 100 buttons on a message and 8 in a row; we keep rows shorter for phones. */
export const BUTTONS_MAX = 100;

/** Room kept for the page line ("Trang 12/34") and a little slack. */
const PAGE_LINE_ROOM = 40;

/** `text` cut to `max` characters, ending in "…" when cut (never in the middle of a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Blocks grouped into pages whose text (header, blocks, page line) fits `max`. A block too long for a page by
 * itself is cut (its first lines, then "…"): a page never passes the limit.
 */
export function paginate(header: string, blocks: readonly string[], max = MESSAGE_MAX): string[][] {
  const room = max - header.length - PAGE_LINE_ROOM;
  const pages: string[][] = [];
  let page: string[] = [];
  let used = 0;
  for (const raw of blocks) {
    const block = clip(raw, Math.max(1, room - 2));
    const cost = block.length + 2;
    if (page.length > 0 && used + cost > room) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(block);
    used += cost;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

/** Page `index` (0-based) of `pages` as one message's text. */
export function pageText(header: string, pages: readonly string[][], index: number): string {
  const blocks = pages[index] ?? [];
  const parts = [header, ...blocks];
  if (pages.length > 1) parts.push(`Trang ${index + 1}/${pages.length}`);
  return parts.join('\n\n');
}

/** The page a button asked for, kept within the pages there are now (the list may have shrunk since). */
export const pageIndex = (asked: number, pages: number): number =>
  Math.min(Math.max(0, Number.isFinite(asked) ? Math.trunc(asked) : 0), Math.max(0, pages - 1));
