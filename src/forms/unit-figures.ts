import { FIGURE_KINDS } from '../domain/report-kinds.js';
import { formatDate } from '../domain/vn.js';
import { atMost } from './common/checks.js';
import { type Figures, figuresAt, MAX, type ReportContext } from './common/figures.js';
import {
  unitDate,
  unitField,
  unitFiles,
  unitIdOf,
  unitInitial,
  unitKindIn,
  valuesOfRow,
} from './common/units.js';
import type { Field, FormDef, Values } from './types.js';

/** A unit's figures from a day on (domain: figures are dated; a period uses the latest on or before its end). */

/** The figures in force on the form's date, to offer as the current values. */
export const currentFigures = (v: Values, c: ReportContext) =>
  figuresAt(v, c, typeof v.asOf === 'string' ? v.asOf : null);

type CountKey = { [K in keyof Figures]: Figures[K] extends number ? K : never }[keyof Figures];

/** A count of the figures, offering the current value with one button. */
export function figureField(
  key: CountKey,
  label: string,
  prompt: string,
  max: number,
  validate?: (n: number, v: Values) => string | null,
): Field<ReportContext> {
  return {
    key,
    label,
    kind: 'count',
    max,
    prompt,
    suggest: (v, c) => currentFigures(v, c)?.[key] ?? null,
    ...(validate ? { validate: (n: number, v: Values) => validate(n, v) } : {}),
  };
}

export const loudspeakerField: Field<ReportContext> = {
  key: 'hasLoudspeaker',
  label: 'Hệ thống loa truyền thanh',
  kind: 'yesno',
  prompt: (v, c) => {
    const f = currentFigures(v, c);
    const now = f ? `\n(Số liệu ngày ${formatDate(f.asOf)}: ${f.hasLoudspeaker ? 'có' : 'không'}.)` : '';
    return `📢 Đơn vị có hệ thống loa truyền thanh không?${now}`;
  },
};

export const bridgePointsField = figureField(
  'bridgePoints',
  'Điểm cầu trực tuyến',
  '🖥 Đơn vị có bao nhiêu điểm cầu trực tuyến? Gõ 0 nếu không có.',
  MAX.bridgePoints,
);

export const unitFiguresForm: FormDef<ReportContext> = {
  id: 'so_lieu',
  title: 'Số liệu đơn vị',
  initial: unitInitial,
  fields: [
    unitField(),
    unitDate({ key: 'asOf', label: 'Số liệu tính đến ngày', prompt: '📅 Số liệu tính đến ngày nào?' }),
    figureField('partyMembers', 'Đảng viên', '👥 Tổng số đảng viên của đơn vị?', MAX.members),
    figureField(
      'exemptMembers',
      'Miễn sinh hoạt',
      'Trong đó, bao nhiêu đảng viên được miễn sinh hoạt? Gõ 0 nếu không có.',
      MAX.members,
      (n, v) => atMost(n, v.partyMembers, 'Số miễn sinh hoạt', 'tổng số đảng viên'),
    ),
    // Asked only of the kinds that file the report they count for (docs/domain.md, "Rules that keep the
    // figures fair"): a chi bộ files no reporter training and no personal plans.
    {
      ...figureField('reporters', 'Báo cáo viên', '🎤 Đơn vị có bao nhiêu báo cáo viên?', MAX.reporters),
      when: unitFiles('tap_huan_bcv'),
    },
    {
      ...figureField(
        'personalPlanRequired',
        'Phải có kế hoạch cá nhân',
        '👤 Bao nhiêu đồng chí bí thư, người đứng đầu phải có kế hoạch hành động cá nhân?',
        MAX.reporters,
      ),
      when: unitFiles('ke_hoach_ca_nhan'),
    },
    // Only where they count (FIGURE_KINDS, as the progress SQL counts them): loudspeakers over communes.
    { ...loudspeakerField, when: unitKindIn(FIGURE_KINDS.hasLoudspeaker) },
    { ...bridgePointsField, when: unitKindIn(FIGURE_KINDS.bridgePoints) },
  ],
};

export const toUnitFigures = (v: Values) => ({
  unitId: unitIdOf(v),
  asOf: String(v.asOf),
  partyMembers: Number(v.partyMembers),
  exemptMembers: Number(v.exemptMembers),
  reporters: Number(v.reporters ?? 0),
  personalPlanRequired: Number(v.personalPlanRequired ?? 0),
  hasLoudspeaker: v.hasLoudspeaker === true,
  bridgePoints: Number(v.bridgePoints ?? 0),
});

export type UnitFiguresInput = ReturnType<typeof toUnitFigures>;

/**
 * The row to save from the figures form: what was asked, and for what a kind is not asked (a huyện's loudspeaker,
 * a chi bộ's reporters) the figures in force that day, so filing the counts again never wipes them.
 */
export function toFiguresRow(v: Values, c: ReportContext): UnitFiguresInput {
  const asked = Object.fromEntries(Object.entries(v).filter(([, value]) => value !== undefined));
  return toUnitFigures({ ...currentFigures(v, c), ...asked });
}

export const fromUnitFigures: (r: UnitFiguresInput) => Values = valuesOfRow;
