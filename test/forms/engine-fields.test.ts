import { describe, expect, it } from 'vitest';
import type { FormContext, FormDef } from '../../src/forms/types.js';
import { FormDriver } from './harness.js';

/** The field kinds and options added for the other report kinds: year, typed/validated choice, suggestion label. */

interface Ctx extends FormContext {
  codes: Record<string, string>;
}

const def = (ahead = 0): FormDef<Ctx> => ({
  id: 't',
  title: 'Thử',
  fields: [
    {
      key: 'year',
      label: 'Năm',
      kind: 'year',
      ahead,
      prompt: 'Năm nào?',
      validate: (y) => (y === 2001 ? 'Năm 2001 không nhận.' : null),
    },
    {
      key: 'doc',
      label: 'Văn bản',
      kind: 'choice',
      prompt: 'Văn bản nào?',
      options: () => [{ value: 'a', label: 'Văn bản A' }],
      parseText: (t, _v, c) =>
        c.codes[t] ? { ok: true, value: c.codes[t] } : { ok: false, error: `Không có "${t}".` },
      validate: (v) => (v === 'z' ? 'Văn bản Z đã hết hiệu lực.' : null),
    },
    {
      key: 'n',
      label: 'Số',
      kind: 'count',
      max: 100,
      prompt: 'Bao nhiêu?',
      suggest: () => 20,
      suggestLabel: (n) => `Tất cả: ${n}`,
    },
  ],
});

const ctx: Ctx = { today: '2026-12-15', codes: { '35': 'b', '99': 'z' } };

describe('year fields', () => {
  it('offer this year and last year as buttons, and read typed years', () => {
    const f = new FormDriver(def(), ctx);
    expect(f.labels().slice(0, 2)).toEqual(['Năm nay (2026)', 'Năm trước (2025)']);
    expect(f.last.text).toContain('gõ năm, ví dụ 2025');
    f.press('Năm trước (2025)');
    expect(f.state.values.year).toBe(2025);
    f.press('◀️ Quay lại');
    f.type('năm nay');
    expect(f.state.values.year).toBe(2026);
  });

  it('refuse years out of range, words, and what the form itself refuses', () => {
    const f = new FormDriver(def(), ctx);
    f.type('1999');
    expect(f.last.text).toContain('Năm phải từ 2000 đến 2026.');
    f.type('2027');
    expect(f.last.text).toContain('Năm phải từ 2000 đến 2026.');
    f.type('hai nghìn');
    expect(f.last.text).toContain('"hai nghìn" không phải là một năm');
    f.type('2001');
    expect(f.last.text).toContain('Năm 2001 không nhận.');
    expect(f.state.step).toBe('year');
    f.type('2024');
    expect(f.state.step).toBe('doc');
  });

  it('allow next year, with a button, only when the field looks ahead', () => {
    const f = new FormDriver(def(1), ctx);
    expect(f.labels()).toContain('Năm sau (2027)');
    f.press('Năm sau (2027)');
    expect(f.state.values.year).toBe(2027);
    f.press('◀️ Quay lại');
    f.type('2028');
    expect(f.last.text).toContain('Năm phải từ 2000 đến 2027.');
  });

  it('show the year without a thousands separator in the summary', () => {
    const f = new FormDriver(def(), ctx);
    f.type('2024');
    f.type('35');
    f.press('Tất cả: 20');
    expect(f.last.text).toContain('• Năm: 2024');
  });
});

describe('choice fields', () => {
  it('read typed text with the form’s own parser and validate the value', () => {
    const f = new FormDriver(def(), ctx, { values: { year: 2026 } });
    f.type('Văn bản A');
    expect(f.last.text).toContain('Không có "Văn bản A".');
    f.type('99');
    expect(f.last.text).toContain('Văn bản Z đã hết hiệu lực.');
    f.type('35');
    expect(f.state.values.doc).toBe('b');
    f.press('◀️ Quay lại');
    f.press('Văn bản A');
    expect(f.state.values.doc).toBe('a');
  });
});

describe('count suggestions', () => {
  it('use the form’s words on the button', () => {
    const f = new FormDriver(def(), ctx, { values: { year: 2026, doc: 'a' } });
    expect(f.labels()).toContain('Tất cả: 20');
    f.press('Tất cả: 20');
    expect(f.state.values.n).toBe(20);
    expect(f.state.step).toBe('confirm');
  });
});
