import { describe, expect, it } from 'vitest';
import {
  facilitiesBlocked,
  facilitiesForm,
  fromFacilities,
  toFacilitiesFigures,
} from '../../src/forms/facilities.js';
import {
  fromUnitFigures,
  toFiguresRow,
  toUnitFigures,
  unitFiguresForm,
} from '../../src/forms/unit-figures.js';
import { FormDriver, THANH_MAI } from './harness.js';
import { reportCtx, submitted, twoUnits } from './report-harness.js';

describe('the unit figures form', () => {
  it('offers the current values and refuses more exempt than members', () => {
    const f = new FormDriver(unitFiguresForm, reportCtx());
    f.type('1/11/2026');
    expect(f.labels()).toContain('Dùng số hiện có: 130');
    f.type('140');
    f.type('141');
    expect(f.last.text).toContain('Số miễn sinh hoạt (141) không thể lớn hơn tổng số đảng viên (140).');
    f.press('Dùng số hiện có: 4');
    f.press('Dùng số hiện có: 5');
    f.type('22');
    expect(f.last.text).toContain('(Số liệu ngày 01/07/2025: có.)');
    f.press('Có');
    f.type('2');
    const row = toUnitFigures(submitted(f));
    expect(row).toEqual({
      unitId: 7,
      asOf: '2026-11-01',
      partyMembers: 140,
      exemptMembers: 4,
      reporters: 5,
      personalPlanRequired: 22,
      hasLoudspeaker: true,
      bridgePoints: 2,
    });
    expect(toUnitFigures(fromUnitFigures(row))).toEqual(row);
  });

  it('asks a chi bộ only for the figures that count for it: members and exempt, nothing else', () => {
    const chiBo = { id: 9, name: 'Chi bộ thôn 1', kind: 'chi_bo', validFrom: '2025-07-01', validTo: null };
    const f = new FormDriver(unitFiguresForm, reportCtx({ units: [chiBo], figuresOn: () => null }));
    f.type('1/11/2026');
    f.type('25');
    f.type('1');
    // No reporters, no personal plans, no loudspeaker, no bridge points: straight to the summary.
    expect(f.last.text).not.toContain('loa truyền thanh');
    expect(f.last.text).not.toContain('điểm cầu trực tuyến?');
    expect(toUnitFigures(submitted(f))).toEqual({
      unitId: 9,
      asOf: '2026-11-01',
      partyMembers: 25,
      exemptMembers: 1,
      reporters: 0,
      personalPlanRequired: 0,
      hasLoudspeaker: false,
      bridgePoints: 0,
    });
    // A hospital's Party organisation keeps personal plans, but reporter training and facilities are a commune's.
    const bv = { ...chiBo, id: 10, name: 'Đảng ủy Bệnh viện', kind: 'co_so' };
    const g = new FormDriver(unitFiguresForm, reportCtx({ units: [bv], figuresOn: () => null }));
    g.type('1/11/2026');
    g.type('60');
    g.type('2');
    expect(g.last.text).toContain('phải có kế hoạch hành động cá nhân');
    g.type('3');
    expect(toUnitFigures(submitted(g))).toMatchObject({ unitId: 10, reporters: 0, personalPlanRequired: 3 });
    // A commune is asked everything, the loudspeaker included.
    const xa = { ...chiBo, id: 11, name: 'Đảng ủy xã Thanh Mai', kind: 'xa' };
    const h = new FormDriver(unitFiguresForm, reportCtx({ units: [xa], figuresOn: () => null }));
    h.type('1/11/2026');
    h.type('130');
    h.type('4');
    h.type('5');
    h.type('20');
    expect(h.last.text).toContain('loa truyền thanh');
    h.press('Có');
    expect(h.last.text).toContain('điểm cầu trực tuyến');
    h.type('1');
    expect(toUnitFigures(submitted(h))).toMatchObject({
      unitId: 11,
      reporters: 5,
      hasLoudspeaker: true,
      bridgePoints: 1,
    });
  });

  it('keeps what a kind is not asked: a huyện filing its counts again keeps its loudspeaker', () => {
    const huyen = { id: 3, name: 'Huyện ủy Chợ Mới', kind: 'huyen', validFrom: '2015-01-01', validTo: null };
    const before = { ...THANH_MAI, hasLoudspeaker: true, bridgePoints: 2 };
    const ctx = reportCtx({ units: [huyen], figuresOn: () => before });
    const f = new FormDriver(unitFiguresForm, ctx);
    f.type('1/11/2026');
    f.type('900');
    f.type('30');
    f.type('40');
    f.type('60');
    expect(f.last.text).not.toContain('loa truyền thanh');
    f.type('3');
    expect(toFiguresRow(submitted(f), ctx)).toEqual({
      unitId: 3,
      asOf: '2026-11-01',
      partyMembers: 900,
      exemptMembers: 30,
      reporters: 40,
      personalPlanRequired: 60,
      hasLoudspeaker: true,
      bridgePoints: 3,
    });
  });

  it('asks again for "exempt" when members are corrected below it', () => {
    const g = new FormDriver(unitFiguresForm, reportCtx(), {
      values: { asOf: '2026-11-01', exemptMembers: 5 },
    });
    g.type('3');
    expect(g.state.step).toBe('exemptMembers');
    expect(g.last.text).toContain('Số miễn sinh hoạt (5) không thể lớn hơn tổng số đảng viên (3).');
  });
});

describe('the facilities form', () => {
  it('says first that figures are missing when no unit has any', () => {
    const ctx = reportCtx({ figuresOn: () => null });
    expect(facilitiesBlocked(ctx)).toContain('Đảng ủy xã Thanh Mai chưa có số liệu đơn vị');
    expect(facilitiesBlocked(ctx)).toContain('biểu mẫu "Số liệu đơn vị"');
    expect(facilitiesBlocked(reportCtx())).toBeNull();
  });

  it('refuses a unit without figures and a date before the first figures', () => {
    const f = new FormDriver(facilitiesForm, twoUnits());
    f.press('Đảng ủy xã Tân Kỳ');
    expect(f.last.text).toContain('Đảng ủy xã Tân Kỳ chưa có số liệu đơn vị');
    f.press('Đảng ủy xã Thanh Mai');
    f.type('2/7/2025');
    expect(f.state.step).toBe('hasLoudspeaker');
    f.press('◀️ Quay lại');
    f.type('1/7/2025');
    expect(f.state.step).toBe('hasLoudspeaker');
  });

  it('saves a new dated row that copies the other figures', () => {
    const f = new FormDriver(facilitiesForm, reportCtx());
    f.type('1/10/2026');
    expect(f.last.text).toContain('(Số liệu ngày 01/07/2025: có.)');
    f.press('Không');
    expect(f.labels()).toContain('Dùng số hiện có: 1');
    f.type('3');
    const values = submitted(f);
    const row = toFacilitiesFigures(values, reportCtx());
    expect(row).toEqual({
      unitId: 7,
      asOf: '2026-10-01',
      partyMembers: 130,
      exemptMembers: 4,
      reporters: 5,
      personalPlanRequired: 20,
      hasLoudspeaker: false,
      bridgePoints: 3,
    });
    expect(row && fromFacilities(row)).toEqual(values);
    expect(toFacilitiesFigures(values, reportCtx({ figuresOn: () => null }))).toBeNull();
  });

  it('asks a huyện only for bridge points: its loudspeaker counts nowhere and is kept as it was', () => {
    const huyen = { id: 3, name: 'Huyện ủy Chợ Mới', kind: 'huyen', validFrom: '2015-01-01', validTo: null };
    const ctx = reportCtx({ units: [huyen], figuresOn: () => ({ ...THANH_MAI, hasLoudspeaker: true }) });
    const f = new FormDriver(facilitiesForm, ctx);
    f.type('1/10/2026');
    expect(f.state.step).toBe('bridgePoints');
    f.type('2');
    expect(toFacilitiesFigures(submitted(f), ctx)).toMatchObject({
      unitId: 3,
      hasLoudspeaker: true,
      bridgePoints: 2,
    });
  });
});
