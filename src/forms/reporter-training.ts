import { formatDate, formatNumber } from '../domain/vn.js';
import { atMost } from './common/checks.js';
import { figuresAt, MAX, type ReportContext } from './common/figures.js';
import { unitDate, unitField, unitIdOf, unitInitial, unitYear, yearEnd } from './common/units.js';
import type { FormDef, Values } from './types.js';

/** How many of the unit's reporters were informed and trained in a year (indicator 4). */

/** Reporters from the figures in force at the end of the year, as the indicator reads them. */
const reporters = (v: Values, c: ReportContext) => figuresAt(v, c, yearEnd(v));

export const reporterTrainingForm: FormDef<ReportContext> = {
  id: 'tap_huan_bcv',
  title: 'Tập huấn, bồi dưỡng báo cáo viên',
  initial: unitInitial,
  fields: [
    unitField(),
    unitYear({ key: 'year', label: 'Năm', prompt: '📆 Tập huấn báo cáo viên của năm nào?' }),
    unitDate(
      {
        key: 'heldOn',
        label: 'Ngày tập huấn',
        prompt: '📅 Lớp tập huấn được tổ chức ngày nào? (Nhiều lớp: ngày của lớp gần nhất.)',
      },
      (iso, v) =>
        typeof v.year === 'number' && iso.slice(0, 4) !== String(v.year)
          ? `Ngày ${formatDate(iso)} không thuộc năm ${v.year}.`
          : null,
    ),
    {
      key: 'trained',
      label: 'Báo cáo viên được tập huấn',
      kind: 'count',
      min: 1,
      max: MAX.reporters,
      prompt: (v, c) => {
        const f = reporters(v, c);
        const known = f
          ? `Theo số liệu ngày ${formatDate(f.asOf)}, đơn vị có ${formatNumber(f.reporters)} báo cáo viên.`
          : 'Chưa có số liệu về số báo cáo viên của đơn vị.';
        return `🎓 Trong năm ${v.year}, bao nhiêu báo cáo viên đã được thông tin, tập huấn?\n${known}`;
      },
      suggest: (v, c) => reporters(v, c)?.reporters ?? null,
      suggestLabel: (n) => `Tất cả: ${n}`,
      validate: (n, v, c) => {
        const f = reporters(v, c);
        return f
          ? atMost(
              n,
              f.reporters,
              'Số được tập huấn',
              'số báo cáo viên',
              `theo số liệu ngày ${formatDate(f.asOf)}`,
            )
          : null;
      },
    },
  ],
};

export const toReporterTraining = (v: Values) => ({
  unitId: unitIdOf(v),
  year: Number(v.year),
  heldOn: String(v.heldOn),
  trained: Number(v.trained),
});

export const fromReporterTraining = (r: ReturnType<typeof toReporterTraining>): Values => ({
  unit: String(r.unitId),
  year: r.year,
  heldOn: r.heldOn,
  trained: r.trained,
});
