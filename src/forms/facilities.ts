import { FIGURE_KINDS } from '../domain/report-kinds.js';
import { formatDate } from '../domain/vn.js';
import type { ReportContext } from './common/figures.js';
import { unitDate, unitField, unitInitial, unitKindIn, unitOf, valuesOfRow } from './common/units.js';
import type { FormDef, Values } from './types.js';
import {
  bridgePointsField,
  currentFigures,
  loudspeakerField,
  toFiguresRow,
  type UnitFiguresInput,
} from './unit-figures.js';

/*
 * Facilities: loudspeaker system and online bridge points. They are part of the unit's dated figures, so a
 * change is saved as a new figures row that copies the other counts from the row in force on that day.
 */

export const figuresMissing = (unit: string) =>
  `${unit} chưa có số liệu đơn vị (đảng viên, báo cáo viên...). ` +
  'Hãy báo cáo bằng biểu mẫu "Số liệu đơn vị" trước, rồi mới báo cáo loa truyền thanh, điểm cầu.';

const hasFigures = (c: ReportContext, unitId: number) => c.figuresOn(unitId, c.today) !== null;

/** Why the form cannot start: none of the user's units has figures to copy. */
export function facilitiesBlocked(c: ReportContext): string | null {
  if (c.units.some((u) => hasFigures(c, u.id))) return null;
  return figuresMissing(c.units.map((u) => u.name).join(', '));
}

export const facilitiesForm: FormDef<ReportContext> = {
  id: 'co_so_vat_chat',
  title: 'Loa truyền thanh, điểm cầu trực tuyến',
  initial: unitInitial,
  fields: [
    unitField((u, c) => (hasFigures(c, u.id) ? null : figuresMissing(u.name))),
    unitDate(
      { key: 'asOf', label: 'Áp dụng từ ngày', prompt: '📅 Tình hình này tính từ ngày nào?' },
      (iso, v, c) =>
        currentFigures({ ...v, asOf: iso }, c)
          ? null
          : `${unitOf(v, c)?.name ?? 'Đơn vị'} chưa có số liệu nào đến ngày ${formatDate(iso)}: hãy chọn ngày muộn hơn.`,
    ),
    // A loudspeaker counts only for the kinds in FIGURE_KINDS (docs/domain.md); the others keep what they had.
    { ...loudspeakerField, when: unitKindIn(FIGURE_KINDS.hasLoudspeaker) },
    bridgePointsField,
  ],
};

/** The figures row to save: the counts in force that day, with this form's answers; null if they vanished. */
export function toFacilitiesFigures(v: Values, c: ReportContext) {
  return currentFigures(v, c) ? toFiguresRow(v, c) : null;
}

/** A facilities row back into the form's values (the other counts are not the form's). */
export const fromFacilities = ({ unitId, asOf, hasLoudspeaker, bridgePoints }: UnitFiguresInput): Values =>
  valuesOfRow({ unitId, asOf, hasLoudspeaker, bridgePoints });
