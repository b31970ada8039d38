import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  formatPercent,
  formatWait,
  isoDateIn,
  parseCount,
  parseStrictDate,
  parseVnDate,
  parseYear,
} from '../../src/domain/vn.js';

describe('parseCount', () => {
  it.each([
    ['1.250', 1250],
    ['1250', 1250],
    ['1 250', 1250],
    [' 39.000 ', 39000],
    ['0', 0],
  ])('reads %j as %d', (input, value) => {
    expect(parseCount(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['abc', '"abc" không phải là một số.'],
    ['-5', 'Số không được âm.'],
    ['12,5', 'Cần một số nguyên (không có phần thập phân).'],
    ['🎉', '"🎉" không phải là một số.'],
    ['', 'Chưa nhập số.'],
    ['1.25', '"1.25" không phải là một số.'],
  ])('refuses %j with a Vietnamese reason', (input, error) => {
    expect(parseCount(input)).toEqual({ ok: false, error });
  });

  it('refuses 5000 characters and echoes only a short preview', () => {
    const r = parseCount('9'.repeat(5000));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeLessThan(60);
    const junk = parseCount('x'.repeat(5000));
    expect(junk).toEqual({ ok: false, error: `"${'x'.repeat(20)}…" không phải là một số.` });
  });

  it('refuses a number above the maximum', () => {
    expect(parseCount('2.000.000')).toEqual({ ok: false, error: 'Số quá lớn (tối đa 1.000.000).' });
  });
});

describe('parseVnDate', () => {
  const today = '2026-03-15';
  it.each([
    ['22/9', '2026-09-22'],
    ['22/9/2022', '2022-09-22'],
    ['22-09-2022', '2022-09-22'],
    ['22.9.22', '2022-09-22'],
    ['hôm nay', '2026-03-15'],
    ['Hôm Nay', '2026-03-15'],
    ['hom qua', '2026-03-14'],
  ])('reads %j', (input, value) => {
    expect(parseVnDate(input, today)).toEqual({ ok: true, value });
  });

  it('crosses a month boundary for "hôm qua"', () => {
    expect(parseVnDate('hôm qua', '2026-03-01')).toEqual({ ok: true, value: '2026-02-28' });
  });

  it.each([
    ['31/02/2026', 'Ngày 31/02/2026 không có thật.'],
    ['1/1/1999', 'Năm 1999 quá xa: chỉ nhận ngày từ năm 2000.'],
    ['ngày mai', '"ngày mai" không phải là ngày (ví dụ 22/9/2022).'],
    ['', 'Chưa nhập ngày.'],
  ])('refuses %j', (input, error) => {
    expect(parseVnDate(input, today)).toEqual({ ok: false, error });
  });
});

describe('parseStrictDate', () => {
  it('wants a full dd/mm/yyyy date', () => {
    expect(parseStrictDate('01/07/2025')).toEqual({ ok: true, value: '2025-07-01' });
    expect(parseStrictDate('1/7/2025')).toEqual({ ok: true, value: '2025-07-01' });
    expect(parseStrictDate('22/9').ok).toBe(false);
    expect(parseStrictDate('hôm nay').ok).toBe(false);
    expect(parseStrictDate('2025-07-01')).toEqual({
      ok: false,
      error: '"2025-07-01" không đúng dạng ngày dd/mm/yyyy.',
    });
  });
});

describe('formatting', () => {
  it('groups thousands with a dot', () => {
    expect(formatNumber(39000)).toBe('39.000');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(999)).toBe('999');
  });

  it('writes percentages with a decimal comma', () => {
    expect(formatPercent(0.9755, 2)).toBe('97,55%');
    expect(formatPercent(1, 0)).toBe('100%');
    expect(formatPercent(0.9, 1)).toBe('90,0%');
  });
});

describe('dates in import files', () => {
  it('accept a committee founded before 2000, but nothing before the Party was founded', async () => {
    const { parseStrictDate } = await import('../../src/domain/vn.js');
    expect(parseStrictDate('19/08/1997')).toEqual({ ok: true, value: '1997-08-19' });
    expect(parseStrictDate('1/1/1929')).toEqual({
      ok: false,
      error: 'Năm 1929 quá xa: chỉ nhận ngày từ năm 1930.',
    });
    expect(parseStrictDate('hôm nay').ok).toBe(false);
  });
});

describe('parseYear', () => {
  it.each([
    ['2024', 2024],
    ['năm 2024', 2024],
    ['Năm nay', 2026],
    ['nam truoc', 2025],
    ['năm ngoái', 2025],
  ])('%s → %i', (input, year) => {
    expect(parseYear(input, 2026, 2026)).toEqual({ ok: true, value: year });
  });

  it('refuses words, two-digit years and years out of range', () => {
    expect(parseYear('24', 2026, 2026)).toEqual({
      ok: false,
      error: '"24" không phải là một năm (ví dụ 2025).',
    });
    expect(parseYear('1999', 2026, 2027)).toEqual({ ok: false, error: 'Năm phải từ 2000 đến 2027.' });
    expect(parseYear('2028', 2026, 2027).ok).toBe(false);
  });
});

describe('isoDateIn', () => {
  const formats = new Map<string, Intl.DateTimeFormat>();
  /** Formatting afresh each time: what the remembered answer must always equal. */
  const fresh = (at: Date, timeZone: string) => {
    let f = formats.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      formats.set(timeZone, f);
    }
    return f.format(at);
  };

  it('gives the calendar date in the zone, around midnight', () => {
    // 16:59:59 UTC is 23:59:59 in Hà Nội; a second later it is the next day there.
    expect(isoDateIn(new Date('2026-11-27T16:59:59Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11-27');
    expect(isoDateIn(new Date('2026-11-27T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11-28');
    expect(isoDateIn(new Date('2026-11-27T16:59:59Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11-27');
  });

  it('agrees with a fresh formatter for any instant, asked in any order (its remembered answer never leaks)', () => {
    // Zones with half- and quarter-hour offsets and daylight saving (Lord Howe moves by 30 minutes).
    const zones = [
      'Asia/Ho_Chi_Minh',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'America/New_York',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...zones),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 8, maxLength: 8 }),
        (start, zone, nudges) => {
          // Every 7½ minutes (± a few ms) for 26 hours: the zone's midnight is crossed, and consecutive
          // asks share a quarter hour (and an hour) on either side of it.
          for (let i = 0; i < 208; i++) {
            const at = new Date(start + i * 450_000 + (nudges[i % nudges.length] as number));
            expect(isoDateIn(at, zone)).toBe(fresh(at, zone));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('formatWait', () => {
  it('rounds up to the minute, in hours past an hour', () => {
    expect([1, 60_000, 299_001, 3_600_000, 5_400_000, 86_400_000].map(formatWait)).toEqual([
      '1 phút',
      '1 phút',
      '5 phút',
      '1 giờ',
      '1 giờ 30 phút',
      '24 giờ',
    ]);
  });
});
