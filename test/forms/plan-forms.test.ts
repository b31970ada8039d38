import { describe, expect, it } from 'vitest';
import { actionPlanForm, fromActionPlan, toActionPlan } from '../../src/forms/action-plan.js';
import {
  fromInspectionProgramme,
  inspectionProgrammeForm,
  toInspectionProgramme,
} from '../../src/forms/inspection-programme.js';
import { fromPersonalPlans, personalPlansForm, toPersonalPlans } from '../../src/forms/personal-plans.js';
import { FormDriver } from './harness.js';
import { reportCtx, submitted, twoUnits } from './report-harness.js';

describe('the action plan form', () => {
  it('takes ONE document, by button or typed number, and the date issued', () => {
    const old = { id: 7, name: 'Đảng ủy xã Thanh Mai', validFrom: '2020-01-01', validTo: null };
    const f = new FormDriver(actionPlanForm, reportCtx({ units: [old] }));
    expect(f.last.text).toContain('văn bản nào?');
    expect(f.labels()).toContain('35-NQ/TW ngày 22/10/2018');
    expect(f.labels().some((l) => l.startsWith('⬜'))).toBe(false);
    f.type('35, 57');
    expect(f.last.text).toContain('Mỗi báo cáo chỉ cho một văn bản');
    f.type('5');
    expect(f.last.text).toContain('Có 2 văn bản số 5');
    f.type('05-NQ/TU');
    f.type('1/2/2021');
    expect(f.last.text).toContain('Kế hoạch không thể ban hành trước văn bản 05-NQ/TU (ngày 01/03/2021).');
    f.type('1/3/2026');
    expect(f.last.text).toContain('• Văn bản: 05-NQ/TU ngày 01/03/2021');
    const row = toActionPlan(submitted(f));
    expect(row).toEqual({ unitId: 7, documentId: 4, issuedOn: '2026-03-01' });
    expect(toActionPlan(fromActionPlan(row))).toEqual(row);
  });

  it('refuses a date in the future or before the unit existed', () => {
    const f = new FormDriver(actionPlanForm, reportCtx(), { values: { document: '2' } });
    f.type('1/12/2026');
    expect(f.last.text).toContain('tương lai');
    f.type('30/6/2025');
    expect(f.last.text).toContain('nằm ngoài thời gian hoạt động của Đảng ủy xã Thanh Mai');
  });
});

describe('the personal plans form', () => {
  it('offers the required count from the year-end figures and refuses more', () => {
    const f = new FormDriver(personalPlansForm, reportCtx());
    expect(f.labels()).toEqual(expect.arrayContaining(['Năm nay (2026)', 'Năm trước (2025)']));
    f.press('Năm nay (2026)');
    expect(f.last.text).toContain('Theo số liệu ngày 01/07/2025, đơn vị có 20 đồng chí phải có kế hoạch.');
    expect(f.labels()).toContain('Tất cả: 20');
    f.type('21');
    expect(f.last.text).toContain(
      'Số có kế hoạch (21) không thể lớn hơn số đồng chí phải có kế hoạch (20, theo số liệu ngày 01/07/2025).',
    );
    f.type('18');
    const row = toPersonalPlans(submitted(f));
    expect(row).toEqual({ unitId: 7, year: 2026, withPlan: 18 });
    expect(toPersonalPlans(fromPersonalPlans(row))).toEqual(row);
  });

  it('accepts any count when the unit has no figures, and refuses years out of range', () => {
    const f = new FormDriver(personalPlansForm, twoUnits());
    f.press('Đảng ủy xã Tân Kỳ');
    f.type('2027');
    expect(f.last.text).toContain('Năm phải từ 2000 đến 2026.');
    f.type('2024');
    expect(f.last.text).toContain('không hoạt động trong năm 2024');
    f.type('2025');
    expect(f.last.text).toContain('Chưa có số liệu về số đồng chí phải có kế hoạch.');
    f.type('250');
    expect(f.state.step).toBe('confirm');
  });
});

describe('the inspection programme form', () => {
  it('asks which body, and allows next year approved before it starts', () => {
    const f = new FormDriver(inspectionProgrammeForm, reportCtx());
    expect(f.labels()).toContain('Năm sau (2027)');
    f.press('Năm sau (2027)');
    f.press('Ủy ban kiểm tra (UBKT)');
    f.type('20/11/2026');
    const row = toInspectionProgramme(submitted(f));
    expect(row).toEqual({ unitId: 7, year: 2027, body: 'ubkt', approvedOn: '2026-11-20' });
    expect(toInspectionProgramme(fromInspectionProgramme(row))).toEqual(row);
  });

  it('refuses an approval after the year and years beyond next', () => {
    const f = new FormDriver(inspectionProgrammeForm, reportCtx());
    f.type('2028');
    expect(f.last.text).toContain('Năm phải từ 2000 đến 2027.');
    f.type('2025');
    f.press('Cấp ủy');
    f.type('5/1/2026');
    expect(f.last.text).toContain('Chương trình năm 2025 phải được phê duyệt trong hoặc trước năm 2025');
    f.type('5/1/2025');
    expect(f.last.text).toContain('nằm ngoài thời gian hoạt động');
    f.type('15/7/2025');
    expect(f.last.text).toContain('• Của: Cấp ủy');
  });
});
