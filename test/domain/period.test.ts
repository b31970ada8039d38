import { describe, expect, it } from 'vitest';
import { describeSpan, parseProgressArgs } from '../../src/domain/period.js';

describe('/tiendo arguments', () => {
  it.each([
    ['', {}],
    ['2022', { span: { from: 2022, to: 2022 } }],
    ['2017-2022', { span: { from: 2017, to: 2022 } }],
    ['2017–2022', { span: { from: 2017, to: 2022 } }],
    ['xa_thanhmai', { unitCode: 'XA_THANHMAI' }],
    ['XÃ_THANHMAI 2022', { unitCode: 'XA_THANHMAI', span: { from: 2022, to: 2022 } }],
  ])('reads %j', (text, expected) => {
    expect(parseProgressArgs(text, 2026)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1999', 'Năm 1999 ngoài khoảng 2000–2026.'],
    ['2027', 'Năm 2027 ngoài khoảng 2000–2026.'],
    ['2022-2017', 'bị ngược'],
    ['XA_A XA_B', 'Không hiểu "XA_B"'],
    ['<script>', 'Không hiểu'],
  ])('refuses %j with a reason', (text, reason) => {
    const r = parseProgressArgs(text, 2026);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(reason);
  });

  it('describes a span', () => {
    expect(describeSpan({ from: 2022, to: 2022 })).toBe('năm 2022');
    expect(describeSpan({ from: 2017, to: 2022 })).toBe('giai đoạn 2017–2022');
  });
});
