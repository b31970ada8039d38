import { noteField, noteOf } from './common/checks.js';
import { MAX, type ReportContext } from './common/figures.js';
import { unitDate, unitField, unitIdOf, unitInitial, valuesOfRow } from './common/units.js';
import type { FormDef, Values } from './types.js';

/** Collectives and individuals commended for studying and carrying out the resolutions: counts only. */
export const commendationsForm: FormDef<ReportContext> = {
  id: 'khen_thuong',
  title: 'Khen thưởng trong học tập, thực hiện nghị quyết',
  initial: unitInitial,
  fields: [
    unitField(),
    unitDate({ key: 'awardedOn', label: 'Ngày khen thưởng', prompt: '📅 Quyết định khen thưởng ngày nào?' }),
    {
      key: 'collectives',
      label: 'Tập thể được khen thưởng',
      kind: 'count',
      max: MAX.commended,
      prompt: '🏅 Bao nhiêu tập thể được khen thưởng? Gõ 0 nếu không có.',
    },
    {
      key: 'individuals',
      label: 'Cá nhân được khen thưởng',
      kind: 'count',
      max: MAX.commended,
      prompt: '🎖 Bao nhiêu cá nhân được khen thưởng? Gõ 0 nếu không có.',
      validate: (n, v) =>
        n === 0 && v.collectives === 0 ? 'Cần ít nhất một tập thể hoặc một cá nhân được khen thưởng.' : null,
    },
    noteField(
      '📝 Ghi chú (ví dụ: số quyết định, hình thức khen thưởng; không ghi họ tên), hoặc bấm "Bỏ qua".',
    ),
  ],
};

export const toCommendations = (v: Values) => ({
  unitId: unitIdOf(v),
  awardedOn: String(v.awardedOn),
  collectives: Number(v.collectives),
  individuals: Number(v.individuals),
  note: noteOf(v),
});

export const fromCommendations: (r: ReturnType<typeof toCommendations>) => Values = valuesOfRow;
