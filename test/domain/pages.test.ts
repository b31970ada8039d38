import { describe, expect, it } from 'vitest';
import {
  clip,
  MESSAGE_MAX,
  pageIndex,
  pageOf,
  pageText,
  pageTextOf,
  paginate,
} from '../../src/domain/pages.js';

const unitBlock = (i: number, lines: number) =>
  [
    `Đảng ủy xã số ${i}:`,
    ...Array.from({ length: lines }, (_, j) => `⏰ Việc ${j} — quá hạn ${j + 3} ngày`),
  ].join('\n');

describe('paginate', () => {
  it('keeps a short list on one page, with no page line', () => {
    const pages = paginate('Tiêu đề', ['a', 'b']);
    expect(pages).toEqual([['a', 'b']]);
    expect(pageText('Tiêu đề', pages, 0)).toBe('Tiêu đề\n\na\n\nb');
  });

  it('cuts 126 units into pages that each fit Telegram, every unit on exactly one page', () => {
    const blocks = Array.from({ length: 126 }, (_, i) => unitBlock(i, 4));
    const header = '📣 Đơn vị trực thuộc chậm quá 7 ngày:';
    const pages = paginate(header, blocks);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat()).toEqual(blocks);
    for (const [i] of pages.entries()) {
      const text = pageText(header, pages, i);
      expect(text.length).toBeLessThanOrEqual(MESSAGE_MAX);
      expect(text.endsWith(`Trang ${i + 1}/${pages.length}`)).toBe(true);
    }
  });

  it('cuts a block longer than a page instead of passing the limit', () => {
    const pages = paginate('H', [unitBlock(1, 400)]);
    expect(pages).toHaveLength(1);
    expect(pageText('H', pages, 0).length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(pages[0]?.[0]?.endsWith('…')).toBe(true);
  });
});

describe('lists with a button an item', () => {
  const children = Array.from({ length: 126 }, (_, i) => ({ id: i + 1, name: `Đảng ủy xã số ${i + 1}` }));
  const line = (c: { name: string }) => `• ${c.name}`;

  it('keeps at most `perPage` items a page, a line each, and gives the page its items', () => {
    const pages = paginate('Đơn vị trực thuộc:', children.map(line), { perPage: 20, separator: '\n' });
    expect(pages.map((p) => p.length)).toEqual([20, 20, 20, 20, 20, 20, 6]);
    const third = pageOf('Đơn vị trực thuộc:', children, line, 2, { perPage: 20, separator: '\n' });
    expect(third.items.map((c) => c.id)).toEqual(Array.from({ length: 20 }, (_, i) => 41 + i));
    expect(third.text).toBe(`${['Đơn vị trực thuộc:', ...third.items.map(line)].join('\n')}\n\nTrang 3/7`);
    expect(pageOf('H', children, line, 99, { perPage: 20 }).index).toBe(6);
  });

  it('shows a short list as one page with no page line, and an empty one as its header', () => {
    expect(pageOf('H', children.slice(0, 2), line, 0, { separator: '\n' }).text).toBe(
      'H\n• Đảng ủy xã số 1\n• Đảng ủy xã số 2',
    );
    expect(pageOf('H', [], line, 3)).toEqual({ text: 'H', items: [], index: 0, count: 1 });
    expect(pageTextOf('H', ['a'], { index: 1, count: 4 }, '\n')).toBe('H\na\n\nTrang 2/4');
  });
});

describe('clip and pageIndex', () => {
  it('clips with an ellipsis, never splitting a surrogate pair', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('abc', 4)).toBe('abc');
  });

  it('keeps an old button’s page within the pages there are now', () => {
    expect(pageIndex(7, 3)).toBe(2);
    expect(pageIndex(-1, 3)).toBe(0);
    expect(pageIndex(0, 0)).toBe(0);
  });
});
