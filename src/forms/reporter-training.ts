import { formatDate } from '../domain/vn.js';
import type { ReportContext } from './common/figures.js';
import { partOfFigure } from './common/part-of-figure.js';
import { unitDate, unitField, unitIdOf, unitInitial, unitYear, valuesOfRow } from './common/units.js';
import type { FormDef, Values } from './types.js';

/** How many of the unit's reporters were informed and trained in a year (indicator 4). */
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
    partOfFigure({
      key: 'trained',
      label: 'Báo cáo viên được tập huấn',
      min: 1,
      figure: 'reporters',
      question: (y) => `🎓 Trong năm ${y}, bao nhiêu báo cáo viên đã được thông tin, tập huấn?`,
      whole: (n) => `${n} báo cáo viên`,
      unknown: 'Chưa có số liệu về số báo cáo viên của đơn vị.',
      what: 'Số được tập huấn',
      ofWhat: 'số báo cáo viên',
    }),
  ],
};

export const toReporterTraining = (v: Values) => ({
  unitId: unitIdOf(v),
  year: Number(v.year),
  heldOn: String(v.heldOn),
  trained: Number(v.trained),
});

export const fromReporterTraining: (r: ReturnType<typeof toReporterTraining>) => Values = valuesOfRow;
