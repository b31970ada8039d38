import { formatDate } from '../domain/vn.js';
import { documentField, documentOf } from './common/documents.js';
import type { ReportContext } from './common/figures.js';
import { unitDate, unitField, unitIdOf, unitInitial } from './common/units.js';
import type { FormDef, Values } from './types.js';

/** A grassroots organisation's action programme / plan for ONE document (indicator 5). */
export const actionPlanForm: FormDef<ReportContext> = {
  id: 'ke_hoach_hanh_dong',
  title: 'Chương trình, kế hoạch hành động thực hiện nghị quyết',
  initial: unitInitial,
  fields: [
    unitField(),
    documentField(
      '📄 Chương trình, kế hoạch hành động thực hiện văn bản nào? Bấm nút, hoặc gõ số văn bản (ví dụ: 57).',
    ),
    unitDate(
      {
        key: 'issuedOn',
        label: 'Ngày ban hành',
        prompt: '📅 Chương trình, kế hoạch được ban hành ngày nào?',
      },
      (iso, v, c) => {
        const d = documentOf(v, c);
        return d && iso < d.issuedOn
          ? `Kế hoạch không thể ban hành trước văn bản ${d.code} (ngày ${formatDate(d.issuedOn)}).`
          : null;
      },
    ),
  ],
};

export const toActionPlan = (v: Values) => ({
  unitId: unitIdOf(v),
  documentId: Number(v.document),
  issuedOn: String(v.issuedOn),
});

export const fromActionPlan = (r: ReturnType<typeof toActionPlan>): Values => ({
  unit: String(r.unitId),
  document: String(r.documentId),
  issuedOn: r.issuedOn,
});
