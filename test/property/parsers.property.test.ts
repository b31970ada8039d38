import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/domain/csv-import.js';
import { unitsTable } from '../../src/domain/import-tables.js';
import { parseProgressArgs } from '../../src/domain/period.js';
import { parseTarget } from '../../src/domain/programme.js';
import {
  foldVietnamese,
  formatDate,
  formatNumber,
  isRealDate,
  parseCount,
  parseVnDate,
} from '../../src/domain/vn.js';

/** What people (and forged clients) send: any text, emoji, control characters, SQL, very long strings. */
const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    "'; DROP TABLE units; --",
    '1 OR 1=1',
    '<script>alert(1)</script>',
    '\u0000\u0007',
    '😀'.repeat(3),
  ),
  fc.string({ minLength: 4000, maxLength: 6000 }),
  fc.integer().map(String),
  fc.double().map(String),
);

describe('parsers never throw, and what they accept is sound', () => {
  it('counts: a whole number from 0 to the maximum, or a reason', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 1_000_000 }), (s, max) => {
        const r = parseCount(s, max);
        if (r.ok) expect(Number.isSafeInteger(r.value) && r.value >= 0 && r.value <= max).toBe(true);
        else expect(r.error.length).toBeGreaterThan(0);
      }),
    );
  });

  it('counts written the Vietnamese way read back as the same number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        expect(parseCount(formatNumber(n))).toEqual({ ok: true, value: n });
        expect(parseCount(String(n))).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('dates: a real calendar day from 2000 on, or a reason', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const r = parseVnDate(s, '2026-11-28');
        if (!r.ok) return;
        const [y, m, d] = r.value.split('-').map(Number) as [number, number, number];
        expect(isRealDate(y, m, d) && y >= 2000).toBe(true);
      }),
    );
  });

  it('dates written dd/mm/yyyy read back as the same day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(parseVnDate(formatDate(iso), '2026-11-28')).toEqual({ ok: true, value: iso });
        },
      ),
    );
  });

  it('folding diacritics is idempotent', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(foldVietnamese(foldVietnamese(s))).toBe(foldVietnamese(s));
      }),
    );
  });

  it('/tiendo arguments, targets and CSV files: an answer or a reason, never an exception', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const args = parseProgressArgs(s, 2026);
        if (args.ok && args.value.span) expect(args.value.span.from).toBeLessThanOrEqual(args.value.span.to);
        const t = parseTarget(s);
        if (t.ok) expect(t.value > 0 && t.value <= 1).toBe(true);
        const table = parseTable(`ma,ten,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den\n${s}`, unitsTable);
        if (!table.ok) expect(table.errors.every((e) => e.line >= 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
