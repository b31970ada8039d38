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

/** How a list is cut: the longest text, the most blocks a page (when each has its button), what joins them. */
export interface PageOptions {
  max?: number;
  perPage?: number;
  /** Between the header and each block: a blank line (blocks of several lines) or a line break (a list). */
  separator?: string;
}

/**
 * Blocks grouped into pages whose text (header, blocks, page line) fits `max`, at most `perPage` blocks a page.
 * A block too long for a page by itself is cut (its first lines, then "…"): a page never passes the limit.
 */
export function paginate(header: string, blocks: readonly string[], options: PageOptions = {}): string[][] {
  const { max = MESSAGE_MAX, perPage = Number.POSITIVE_INFINITY, separator = '\n\n' } = options;
  const room = max - header.length - PAGE_LINE_ROOM;
  const pages: string[][] = [];
  let page: string[] = [];
  let used = 0;
  for (const raw of blocks) {
    const block = clip(raw, Math.max(1, room - separator.length));
    const cost = block.length + separator.length;
    if (page.length > 0 && (used + cost > room || page.length >= perPage)) {
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
export const pageText = (header: string, pages: readonly string[][], index: number, separator = '\n\n') =>
  pageTextOf(header, pages[index] ?? [], { index, count: pages.length }, separator);

/** One page's text: the header, the page's blocks, and "Trang 2/5" when there are several pages. */
export function pageTextOf(
  header: string,
  blocks: readonly string[],
  at: { index: number; count: number },
  separator = '\n\n',
): string {
  const text = [header, ...blocks].join(separator);
  return at.count > 1 ? `${text}\n\nTrang ${at.index + 1}/${at.count}` : text;
}

/** The page a button asked for, kept within the pages there are now (the list may have shrunk since). */
export const pageIndex = (asked: number, pages: number): number =>
  Math.min(Math.max(0, Number.isFinite(asked) ? Math.trunc(asked) : 0), Math.max(0, pages - 1));

export interface Page<T> {
  text: string;
  /** The items shown on this page, for their buttons. */
  items: T[];
  /** 0-based, within `count`. */
  index: number;
  count: number;
}

/** Page `asked` of `items`, one block (`line`) each, under `header`; the items it shows with it. */
export function pageOf<T>(
  header: string,
  items: readonly T[],
  line: (item: T, index: number) => string,
  asked: number,
  options: PageOptions = {},
): Page<T> {
  const pages = paginate(header, items.map(line), options);
  const index = pageIndex(asked, pages.length);
  const first = pages.slice(0, index).reduce((n, p) => n + p.length, 0);
  return {
    text: pageText(header, pages, index, options.separator),
    items: items.slice(first, first + (pages[index]?.length ?? 0)),
    index,
    count: pages.length,
  };
}
