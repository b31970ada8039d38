import type { InspectionBody } from '../db/schema.js';
import { formatDate } from '../domain/vn.js';
import type { ReportContext } from './common/figures.js';
import { unitDate, unitField, unitIdOf, unitInitial, unitYear, valuesOfRow } from './common/units.js';
import type { FormDef, Values } from './types.js';

/** The annual inspection and supervision programme of a committee or of its UBKT (indicator 7). */

export const BODY_LABELS: Record<InspectionBody, string> = {
  cap_uy: 'Cấp ủy',
  ubkt: 'Ủy ban kiểm tra (UBKT)',
};

export const inspectionProgrammeForm: FormDef<ReportContext> = {
  id: 'kiem_tra_giam_sat',
  title: 'Chương trình kiểm tra, giám sát năm',
  initial: unitInitial,
  fields: [
    unitField(),
    // A programme is often approved in December for the next year.
    unitYear({
      key: 'year',
      label: 'Năm',
      prompt: '📆 Chương trình kiểm tra, giám sát của năm nào?',
      ahead: 1,
    }),
    {
      key: 'body',
      label: 'Của',
      kind: 'choice',
      prompt: 'Chương trình của cấp ủy hay của Ủy ban kiểm tra?',
      options: () => Object.entries(BODY_LABELS).map(([value, label]) => ({ value, label })),
    },
    unitDate(
      {
        key: 'approvedOn',
        label: 'Ngày phê duyệt',
        prompt: '📅 Chương trình được phê duyệt, ban hành ngày nào?',
      },
      (iso, v) =>
        typeof v.year === 'number' && iso > `${v.year}-12-31`
          ? `Chương trình năm ${v.year} phải được phê duyệt trong hoặc trước năm ${v.year} ` +
            `(ngày ${formatDate(iso)} đã sang năm sau).`
          : null,
    ),
  ],
};

export const toInspectionProgramme = (v: Values) => ({
  unitId: unitIdOf(v),
  year: Number(v.year),
  body: v.body as InspectionBody,
  approvedOn: String(v.approvedOn),
});

export const fromInspectionProgramme: (r: ReturnType<typeof toInspectionProgramme>) => Values = valuesOfRow;
