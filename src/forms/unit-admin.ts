import { CHILD_KINDS, KIND_NAMES, type Kind, unitCodeProblem } from '../domain/unit-kinds.js';
import { formatDate } from '../domain/vn.js';
import type { FormContext, FormDef, Values } from './types.js';

/** The administrator's unit forms: a new unit under another, a new name, closing a unit. */

export interface UnitAdminContext extends FormContext {
  /** The unit the form is about (the parent, for a new unit). */
  unit: { id: number; name: string; kind: Kind; validFrom: string };
  codeTaken(code: string): boolean;
  /** Id of a unit with this code, for "merged into"; null when there is none. */
  unitIdByCode(code: string): number | null;
}

export const newUnitForm: FormDef<UnitAdminContext> = {
  id: 'don_vi_moi',
  title: 'Thêm đơn vị trực thuộc',
  fields: [
    {
      key: 'kind',
      label: 'Loại',
      kind: 'choice',
      prompt: (_v, c) => `Đơn vị mới trực thuộc ${c.unit.name} là loại nào?`,
      options: (_v, c) => CHILD_KINDS[c.unit.kind].map((k) => ({ value: k, label: KIND_NAMES[k] })),
    },
    {
      key: 'code',
      label: 'Mã',
      kind: 'text',
      optional: false,
      maxLength: 40,
      prompt: 'Mã đơn vị (chữ không dấu, số, dấu gạch dưới; ví dụ XA_TANKY_2025)?',
      validate: (code, _v, c) =>
        unitCodeProblem(code) ?? (c.codeTaken(code.toUpperCase()) ? `Mã ${code.toUpperCase()} đã có.` : null),
    },
    {
      key: 'name',
      label: 'Tên',
      kind: 'text',
      optional: false,
      maxLength: 200,
      prompt: 'Tên đơn vị (ví dụ Đảng ủy xã Tân Kỳ)?',
    },
    {
      key: 'validFrom',
      label: 'Hiệu lực từ',
      kind: 'date',
      prompt: 'Đơn vị có hiệu lực từ ngày nào?',
      validate: (iso, _v, c) =>
        iso < c.unit.validFrom ? `Đơn vị cấp trên chỉ có hiệu lực từ ${formatDate(c.unit.validFrom)}.` : null,
    },
  ],
};

export const renameUnitForm: FormDef<UnitAdminContext> = {
  id: 'doi_ten',
  title: 'Đổi tên đơn vị',
  fields: [
    {
      key: 'name',
      label: 'Tên mới',
      kind: 'text',
      optional: false,
      maxLength: 200,
      prompt: (_v, c) => `Tên mới của ${c.unit.name}?`,
    },
  ],
};

export const closeUnitForm: FormDef<UnitAdminContext> = {
  id: 'dong_don_vi',
  title: 'Đóng đơn vị (hết hiệu lực)',
  fields: [
    {
      key: 'validTo',
      label: 'Hết hiệu lực sau ngày',
      kind: 'date',
      prompt: (_v, c) => `${c.unit.name} hết hiệu lực sau ngày nào (ngày cuối còn hoạt động)?`,
      validate: (iso, _v, c) => (iso < c.unit.validFrom ? 'Ngày này trước khi đơn vị có hiệu lực.' : null),
    },
    {
      key: 'successor',
      label: 'Sáp nhập vào',
      kind: 'text',
      optional: true,
      maxLength: 40,
      prompt: 'Nếu sáp nhập: mã đơn vị tiếp nhận (ví dụ XA_TANKY_2025); nếu không, bấm "Bỏ qua".',
      validate: (code, _v, c) =>
        c.unitIdByCode(code.toUpperCase()) === null ? `Không có đơn vị mã ${code}.` : null,
    },
  ],
};

export const kindOf = (v: Values) => String(v.kind) as Kind;
