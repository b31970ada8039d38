import { describe, expect, it } from 'vitest';
import { evaluate, type RawIndicators } from '../../src/domain/indicators.js';
import {
  bar,
  byUnitBlocks,
  chartRow,
  counterLines,
  indicatorLine,
  percent,
  rankUnits,
} from '../../src/domain/progress-format.js';
import { DE_AN_07_TARGETS, sampleRaw } from '../helpers/indicator-fixtures.js';

const raw = sampleRaw;
const TARGETS = DE_AN_07_TARGETS;

describe('the /tiendo lines', () => {
  it('formats percentages the Vietnamese way', () => {
    expect(percent(0.9755)).toBe('97,55%');
    expect(percent(0.905)).toBe('90,5%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(1 / 3)).toBe('33,33%');
  });

  it('draws a ten-cell bar, clamped', () => {
    expect(bar(0.5)).toBe('▰▰▰▰▰▱▱▱▱▱');
    expect(bar(1.3)).toBe('▰▰▰▰▰▰▰▰▰▰');
    expect(bar(0)).toBe('▱▱▱▱▱▱▱▱▱▱');
  });

  it('writes one line per indicator: mark, name, percentage, bar, fraction, target', () => {
    const r = evaluate(raw(), TARGETS);
    expect(r.map(indicatorLine)).toEqual([
      '✅ 1. Học tập trực tuyến đến xã: 100% ▰▰▰▰▰▰▰▰▰▰ 14/14 · mục tiêu 100%',
      '✅ 2. Đảng viên học tập: 97,55% ▰▰▰▰▰▰▰▰▰▰ 3.902/4.000 · mục tiêu 90%',
      '➖ 3. Nhân dân biết nghị quyết: chưa có dữ liệu · mục tiêu 80%',
      '⚠️ 4. Báo cáo viên được tập huấn: 90% ▰▰▰▰▰▰▰▰▰▱ 9/10 · mục tiêu 100%',
      '✅ 5. TCCSĐ có kế hoạch kịp thời: 100% ▰▰▰▰▰▰▰▰▰▰ 14/14 · mục tiêu 100%',
      '✅ 6. Bí thư, người đứng đầu có KH cá nhân: 90% ▰▰▰▰▰▰▰▰▰▱ 90/100 · mục tiêu 90%',
      '✅ 7. Cấp ủy, UBKT có chương trình KT, GS: 100% ▰▰▰▰▰▰▰▰▰▰ 28/28 · mục tiêu 100%',
    ]);
  });

  it('shows what is not yet due apart: alone when nothing has fallen due, after the fraction otherwise', () => {
    const r = evaluate(
      raw({ action_plans: { num: 0, den: 0, pending: 3 }, inspection: { num: 2, den: 3, pending: 1 } }),
      TARGETS,
    );
    expect(indicatorLine(r[4] as (typeof r)[number], 4)).toBe(
      '➖ 5. TCCSĐ có kế hoạch kịp thời: 3 chưa đến hạn · mục tiêu 100%',
    );
    expect(indicatorLine(r[6] as (typeof r)[number], 6)).toBe(
      '⚠️ 7. Cấp ủy, UBKT có chương trình KT, GS: 66,67% ▰▰▰▰▰▰▰▱▱▱ 2/3 · 1 chưa đến hạn · mục tiêu 100%',
    );
    // Nothing at all is still "chưa có dữ liệu".
    expect(indicatorLine(r[2] as (typeof r)[number], 2)).toBe(
      '➖ 3. Nhân dân biết nghị quyết: chưa có dữ liệu · mục tiêu 80%',
    );
  });

  it("labels the chart's bars the same way: an empty bar says how many are not yet due", () => {
    const r = evaluate(
      raw({
        action_plans: { num: 0, den: 0, pending: 1_250 },
        inspection: { num: 2, den: 3, pending: 1 },
      }),
      TARGETS,
    );
    expect(r.map(chartRow).slice(2, 7)).toEqual([
      { label: 'Nhân dân biết nghị quyết', ratio: null, target: 0.8, met: null, fraction: '' },
      { label: 'Báo cáo viên được tập huấn', ratio: 0.9, target: 1, met: false, fraction: '9/10' },
      {
        label: 'TCCSĐ có kế hoạch kịp thời',
        ratio: null,
        target: 1,
        met: null,
        fraction: '',
        empty: '1.250 chưa đến hạn',
      },
      {
        label: 'Bí thư, người đứng đầu có KH cá nhân',
        ratio: 0.9,
        target: 0.9,
        met: true,
        fraction: '90/100',
      },
      {
        label: 'Cấp ủy, UBKT có chương trình KT, GS',
        ratio: 2 / 3,
        target: 1,
        met: false,
        fraction: '2/3 · 1 chưa đến hạn',
      },
    ]);
  });

  it('writes the counters as the summary reports do', () => {
    expect(
      counterLines({
        conferences: 486,
        membersPresent: 30_000,
        nonMemberAttendances: 9_120,
        communes: 14,
        communesWithLoudspeaker: 14,
        bridgePoints: { huyen: 2, xa: 14 },
        collectives: 4,
        individuals: 7,
      }),
    ).toEqual([
      '📌 Hội nghị học tập, quán triệt: 486',
      '👥 Lượt người tham dự: 39.120 (30.000 lượt đảng viên, 9.120 lượt quần chúng)',
      '📢 Xã, phường có hệ thống loa truyền thanh: 14/14',
      '🖥 Điểm cầu trực tuyến: cấp huyện 02, cấp xã 14',
      '🏅 Khen thưởng: 04 tập thể, 07 cá nhân',
    ]);
  });

  it('never writes a padded zero in the counters: "không có tập thể nào"', () => {
    const counters = {
      conferences: 0,
      membersPresent: 0,
      nonMemberAttendances: 0,
      communes: 2,
      communesWithLoudspeaker: 0,
      bridgePoints: {},
      collectives: 0,
      individuals: 7,
    };
    expect(counterLines(counters).at(-1)).toBe('🏅 Khen thưởng: không có tập thể nào, 07 cá nhân');
    expect(counterLines({ ...counters, individuals: 0 }).at(-1)).toBe('🏅 Khen thưởng: chưa có');
  });
});

describe('by unit', () => {
  const unit = (unitName: string, over: Partial<RawIndicators>) => ({
    unitName,
    results: evaluate(raw(over), TARGETS),
  });

  it('puts the units that miss most first and names what they miss', () => {
    const units = [
      unit('Xã A', {}),
      unit('Xã B', { online_reach: { num: 0, den: 1 }, members_study: { num: 50, den: 100 } }),
      unit('Xã C', { inspection: { num: 1, den: 2 } }),
    ];
    expect(rankUnits(units).map((u) => u.unitName)).toEqual(['Xã B', 'Xã C', 'Xã A']);
    const text = byUnitBlocks(units).join('\n');
    expect(text).toContain(
      '1. ⚠️ Xã B: Học tập trực tuyến đến xã 0%; Đảng viên học tập 50%; Báo cáo viên được tập huấn 90%; 1 chỉ tiêu chưa có dữ liệu',
    );
    expect(text).toContain(
      '2. ⚠️ Xã C: Báo cáo viên được tập huấn 90%; Cấp ủy, UBKT có chương trình KT, GS 50%',
    );
    expect(byUnitBlocks([])).toEqual(['Không có đơn vị trực thuộc nào trong kỳ này.']);
  });
});
