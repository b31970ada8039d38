import { REPORT_KINDS, type ReportKind } from '../../domain/report-kinds.js';
import { formatDate } from '../../domain/vn.js';
import type { Field, FormContext, Values } from '../types.js';

/** The unit question and the unit's lifetime, shared by every report form. */

export interface UnitChoice {
  id: number;
  name: string;
  /** tinh, huyen, xa, co_so, chi_bo: which figures count for it (src/domain/report-kinds.ts). */
  kind?: string;
  validFrom: string;
  validTo: string | null;
}

export interface UnitsContext extends FormContext {
  /** Units the user may report for with this form. */
  units: UnitChoice[];
}

export const unitOf = (v: Values, c: UnitsContext): UnitChoice | undefined =>
  c.units.find((u) => String(u.id) === v.unit);

export const unitIdOf = (v: Values): number => Number(v.unit);

/** Whether the chosen unit's kind is one of `kinds` (an unknown kind: yes, as before kinds were known). */
export const unitKindIn =
  (kinds: readonly string[]) =>
  (v: Values, c: UnitsContext): boolean => {
    const kind = c.units.find((u) => u.id === unitIdOf(v))?.kind;
    return kind === undefined || kinds.includes(kind);
  };

/** Whether the chosen unit's kind files `report` (an unknown kind: yes, as before kinds were known). */
export const unitFiles = (report: ReportKind) => unitKindIn(REPORT_KINDS[report]);

/** A report back into form values, to correct it through its form: the keys are the row's, the unit a choice. */
export function valuesOfRow<R extends { unitId: number }>({ unitId, ...rest }: R): Values {
  return { unit: String(unitId), ...(rest as Values) };
}

/** A secretary of one unit is not asked which unit. */
export const unitInitial = (c: UnitsContext): Values =>
  c.units.length === 1 && c.units[0] ? { unit: String(c.units[0].id) } : {};

/** `Đảng ủy xã Tân Sơn — đơn vị cũ (đến 30/06/2025)` for a unit closed before today. */
export const unitLabel = (u: UnitChoice, today: string): string =>
  u.validTo !== null && u.validTo < today ? `${u.name} — đơn vị cũ (đến ${formatDate(u.validTo)})` : u.name;

export function unitField<C extends UnitsContext>(
  validate?: (unit: UnitChoice, c: C) => string | null,
): Field<C> {
  return {
    key: 'unit',
    label: 'Đơn vị',
    kind: 'choice',
    prompt: 'Báo cáo cho đơn vị nào?',
    options: (_v, c) => c.units.map((u) => ({ value: String(u.id), label: unitLabel(u, c.today) })),
    validate: (value, _v, c) => {
      const u = c.units.find((x) => String(x.id) === value);
      return u && validate ? validate(u, c) : null;
    },
  };
}

/** Why a day lies outside the unit's life (merged units keep their history, but not after the merge). */
export function outsideUnit(iso: string, v: Values, c: UnitsContext): string | null {
  const u = unitOf(v, c);
  if (u && (iso < u.validFrom || (u.validTo !== null && iso > u.validTo))) {
    return `Ngày ${formatDate(iso)} nằm ngoài thời gian hoạt động của ${u.name}.`;
  }
  return null;
}

type Check<C, T> = (value: T, v: Values, c: C) => string | null;

/** A date of the report: not in the future (the engine), within the unit's life, then the form's own check. */
export function unitDate<C extends UnitsContext>(
  f: { key: string; label: string; prompt: string },
  validate?: Check<C, string>,
): Field<C> {
  return {
    ...f,
    kind: 'date',
    validate: (iso, v, c) => outsideUnit(iso, v, c) ?? validate?.(iso, v, c) ?? null,
  };
}

/** The year a report is for: one in which the unit existed. */
export function unitYear<C extends UnitsContext>(f: {
  key: string;
  label: string;
  prompt: string;
  ahead?: number;
}): Field<C> {
  return {
    ...f,
    kind: 'year',
    validate: (y, v, c) => {
      const u = unitOf(v, c);
      if (!u) return null;
      const from = Number(u.validFrom.slice(0, 4));
      const to = u.validTo === null ? null : Number(u.validTo.slice(0, 4));
      return y < from || (to !== null && y > to)
        ? `${u.name} không hoạt động trong năm ${y} (từ ${formatDate(u.validFrom)}` +
            `${u.validTo ? ` đến ${formatDate(u.validTo)}` : ''}).`
        : null;
    },
  };
}

/** The last day of the year a report is for: the figures in force then are the ones it is measured against. */
export const yearEnd = (v: Values): string | null => (typeof v.year === 'number' ? `${v.year}-12-31` : null);
