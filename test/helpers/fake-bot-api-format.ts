/**
 * What a Telegram client would display for a text sent with `parse_mode`, and the 400 errors Telegram gives for
 * markup it cannot parse. Deliberately close to Telegram on the mistakes bots really make (an unescaped `.` in
 * MarkdownV2, a stray `<` or `<br>` in HTML, an unclosed `_` in legacy Markdown), not a full implementation.
 */

/** A Bot API error answer (`{ ok: false, error_code, description, parameters }`). */
export class ApiFailure extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly retry_after?: number,
  ) {
    super(description);
  }
}

const byteOffset = (s: string, i: number) => Buffer.byteLength(s.slice(0, i));
const parseError = (why: string) => new ApiFailure(400, `Bad Request: can't parse entities: ${why}`);

export function renderText(text: string, parseMode: unknown): string {
  if (parseMode === 'HTML') return renderHtml(text);
  if (parseMode === 'MarkdownV2') return renderMarkdownV2(text);
  if (parseMode === 'Markdown') return renderMarkdown(text);
  return text;
}

const HTML_TAGS = new Set(
  'b strong i em u ins s strike del span tg-spoiler a code pre blockquote tg-emoji'.split(' '),
);
const HTML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function renderHtml(s: string): string {
  let out = '';
  const open: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '&') {
      const m = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-f]{1,6});/i.exec(s.slice(i, i + 12));
      if (m?.[1]) {
        const name = m[1].toLowerCase();
        out += name.startsWith('#x')
          ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
          : name.startsWith('#')
            ? String.fromCodePoint(Number(name.slice(1)))
            : HTML_ENTITIES[name];
        i += m[0].length;
        continue;
      }
    }
    if (c !== '<') {
      out += c;
      i++;
      continue;
    }
    const at = byteOffset(s, i);
    const end = s.indexOf('>', i);
    const inner = end === -1 ? '' : s.slice(i + 1, end);
    if (end === -1 || !/^\/?[a-z]/i.test(inner))
      throw parseError(`Unexpected end of name token at byte offset ${at}`);
    const closing = inner.startsWith('/');
    const name = (/^\/?([a-z-]+)/i.exec(inner)?.[1] ?? '').toLowerCase();
    if (closing) {
      const expected = open.pop();
      if (expected !== name) {
        throw parseError(
          expected === undefined
            ? `Unexpected end tag at byte offset ${at}`
            : `Unmatched end tag at byte offset ${at}, expected "</${expected}>", found "</${name}>"`,
        );
      }
    } else {
      if (!HTML_TAGS.has(name)) throw parseError(`Unsupported start tag "${name}" at byte offset ${at}`);
      open.push(name);
    }
    i = end + 1;
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) throw parseError(`Can't find end tag corresponding to start tag "${unclosed}"`);
  return out;
}

const V2_MARKERS: Array<[string, string]> = [
  ['__', 'Underline'],
  ['||', 'Spoiler'],
  ['*', 'Bold'],
  ['_', 'Italic'],
  ['~', 'Strikethrough'],
];
const V2_RESERVED = '_*[]()~`>#+-=|{}.!';

function renderMarkdownV2(s: string): string {
  let out = '';
  const open: Array<{ marker: string; name: string; at: number }> = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    const at = byteOffset(s, i);
    if (c === '\\') {
      out += s[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (c === '`') {
      const fence = s.startsWith('```', i) ? '```' : '`';
      const end = s.indexOf(fence, i + fence.length);
      if (end === -1)
        throw parseError(
          `Can't find end of ${fence === '`' ? 'Code' : 'PreCode'} entity at byte offset ${at}`,
        );
      let code = s.slice(i + fence.length, end);
      if (fence === '```') code = code.replace(/^[\w+-]*\n/, '');
      out += code.replace(/\\([`\\])/g, '$1');
      i = end + fence.length;
      continue;
    }
    if (c === '>' && (i === 0 || s[i - 1] === '\n')) {
      i++;
      continue;
    }
    if (c === '[') {
      open.push({ marker: '[', name: 'TextUrl', at });
      i++;
      continue;
    }
    if (c === ']' && open.at(-1)?.marker === '[' && s[i + 1] === '(') {
      open.pop();
      const close = s.indexOf(')', i);
      if (close === -1) throw parseError(`Can't find end of a URL at byte offset ${at}`);
      i = close + 1;
      continue;
    }
    const marker = V2_MARKERS.find(([m]) => s.startsWith(m, i));
    if (marker) {
      if (open.at(-1)?.marker === marker[0]) open.pop();
      else open.push({ marker: marker[0], name: marker[1], at });
      i += marker[0].length;
      continue;
    }
    if (V2_RESERVED.includes(c)) {
      throw parseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    }
    out += c;
    i++;
  }
  const unclosed = open.pop();
  if (unclosed) throw parseError(`Can't find end of ${unclosed.name} entity at byte offset ${unclosed.at}`);
  return out;
}

function renderMarkdown(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '\\' && '_*`['.includes(s[i + 1] ?? ' ')) {
      out += s[i + 1];
      i += 2;
      continue;
    }
    const link = c === '[' ? /^\[([^\]]*)\]\(([^)]*)\)/.exec(s.slice(i)) : null;
    if (link) {
      out += link[1];
      i += link[0].length;
      continue;
    }
    if ('*_`['.includes(c)) {
      const fence = s.startsWith('```', i) ? '```' : c;
      const end = s.indexOf(fence === '[' ? ']' : fence, i + fence.length);
      if (end === -1) {
        throw parseError(`Can't find end of the entity starting at byte offset ${byteOffset(s, i)}`);
      }
      out += s.slice(i + fence.length, end);
      i = end + fence.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
