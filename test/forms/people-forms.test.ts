import { describe, expect, it } from 'vitest';
import {
  awarenessSurveyForm,
  fromAwarenessSurvey,
  toAwarenessSurvey,
} from '../../src/forms/awareness-survey.js';
import { commendationsForm, fromCommendations, toCommendations } from '../../src/forms/commendations.js';
import {
  fromReporterTraining,
  reporterTrainingForm,
  toReporterTraining,
} from '../../src/forms/reporter-training.js';
import { FormDriver } from './harness.js';
import { reportCtx, submitted, twoUnits } from './report-harness.js';

describe('the reporter training form', () => {
  it('offers the unit’s reporters and refuses more trained than there are', () => {
    const f = new FormDriver(reporterTrainingForm, reportCtx());
    f.type('2026');
    f.type('3/8/2025');
    expect(f.last.text).toContain('Ngày 03/08/2025 không thuộc năm 2026.');
    f.type('3/5/2026');
    expect(f.last.text).toContain('Theo số liệu ngày 01/07/2025, đơn vị có 5 báo cáo viên.');
    f.type('6');
    expect(f.last.text).toContain(
      'Số được tập huấn (6) không thể lớn hơn số báo cáo viên (5, theo số liệu ngày 01/07/2025).',
    );
    f.type('0');
    expect(f.last.text).toContain('Số phải từ 1 trở lên.');
    f.press('Tất cả: 5');
    const row = toReporterTraining(submitted(f));
    expect(row).toEqual({ unitId: 7, year: 2026, heldOn: '2026-05-03', trained: 5 });
    expect(toReporterTraining(fromReporterTraining(row))).toEqual(row);
  });

  it('accepts any count for a unit without figures', () => {
    const f = new FormDriver(reporterTrainingForm, twoUnits());
    f.press('Đảng ủy xã Tân Kỳ');
    f.press('Năm nay (2026)');
    f.press('Hôm nay');
    expect(f.last.text).toContain('Chưa có số liệu về số báo cáo viên');
    expect(f.labels()).not.toContain('Tất cả: 5');
    f.type('40');
    expect(f.state.step).toBe('confirm');
  });
});

describe('the awareness survey form', () => {
  it('needs at least one person surveyed and no more aware than surveyed', () => {
    const f = new FormDriver(awarenessSurveyForm, reportCtx());
    f.type('31/12/2026');
    expect(f.last.text).toContain('tương lai');
    f.type('20/11/2026');
    f.type('0');
    expect(f.last.text).toContain('Số phải từ 1 trở lên.');
    f.type('500');
    f.type('501');
    expect(f.last.text).toContain('Số người nắm được (501) không thể lớn hơn số người được khảo sát (500).');
    f.type('410');
    const row = toAwarenessSurvey(submitted(f));
    expect(row).toEqual({ unitId: 7, heldOn: '2026-11-20', surveyed: 500, aware: 410 });
    expect(toAwarenessSurvey(fromAwarenessSurvey(row))).toEqual(row);
  });

  it('asks again for "aware" when a correction lowers "surveyed" below it', () => {
    const f = new FormDriver(awarenessSurveyForm, reportCtx());
    f.press('Hôm nay');
    f.type('500');
    f.type('410');
    f.press('✏️ Sửa một mục');
    f.press('Số người được khảo sát');
    f.type('400');
    expect(f.state.step).toBe('aware');
    expect(f.last.text).toContain('Số người nắm được (410) không thể lớn hơn số người được khảo sát (400).');
  });
});

describe('the commendations form', () => {
  it('refuses both counts zero, takes an optional note', () => {
    const f = new FormDriver(commendationsForm, reportCtx());
    f.press('Hôm qua');
    f.type('0');
    f.type('0');
    expect(f.last.text).toContain('Cần ít nhất một tập thể hoặc một cá nhân được khen thưởng.');
    f.type('7');
    expect(f.last.text).toContain('không ghi họ tên');
    f.type('Quyết định số 12-QĐ/ĐU');
    const row = toCommendations(submitted(f));
    expect(row).toEqual({
      unitId: 7,
      awardedOn: '2026-11-27',
      collectives: 0,
      individuals: 7,
      note: 'Quyết định số 12-QĐ/ĐU',
    });
    expect(toCommendations(fromCommendations(row))).toEqual(row);
  });

  it('asks which unit when the secretary has two', () => {
    const f = new FormDriver(commendationsForm, twoUnits());
    expect(f.last.text).toContain('Báo cáo cho đơn vị nào?');
    f.press('Đảng ủy xã Tân Kỳ');
    f.press('Hôm nay');
    f.type('4');
    f.type('0');
    f.press('⏭ Bỏ qua');
    expect(toCommendations(submitted(f))).toMatchObject({ unitId: 8, collectives: 4, note: null });
  });
});
