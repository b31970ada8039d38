import { describe, expect, it } from 'vitest';
import {
  describeProgramme,
  parseIndicatorRef,
  parseProgrammePeriod,
  parseTarget,
} from '../../src/domain/programme.js';

describe('programme input', () => {
  it('reads indicators by number or key', () => {
    expect(parseIndicatorRef('2')).toEqual({ ok: true, value: 'members_study' });
    expect(parseIndicatorRef('inspection')).toEqual({ ok: true, value: 'inspection' });
    const bad = parseIndicatorRef('8');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain('7. Cấp ủy, UBKT có chương trình KT, GS');
  });

  it.each([
    ['90', 0.9],
    ['90%', 0.9],
    ['97,5', 0.975],
    ['100', 1],
  ])('reads the target %s', (s, v) => {
    expect(parseTarget(s)).toEqual({ ok: true, value: v });
  });

  it.each(['0', '101', 'abc', '-5', '1.000'])('refuses the target %s', (s) => {
    expect(parseTarget(s).ok).toBe(false);
  });

  it('reads a period of years', () => {
    expect(parseProgrammePeriod('2023-2027')).toEqual({
      ok: true,
      value: { from: '2023-01-01', to: '2027-12-31' },
    });
    expect(parseProgrammePeriod('2027-2023').ok).toBe(false);
  });

  it('describes a programme with its targets', () => {
    const text = describeProgramme(
      { code: '07-ĐA/TU', name: 'Đề án 07', periodFrom: '2017-01-01', periodTo: '2022-12-31' },
      { members_study: 0.9 },
    );
    expect(text).toContain('07-ĐA/TU (2017–2022): Đề án 07');
    expect(text).toContain('  2. Đảng viên học tập: 90%');
    expect(text).toContain('  3. Nhân dân biết nghị quyết: không đặt mục tiêu');
  });
});
