import { formatDate, formatNumber } from '../../domain/vn.js';
import type { Field, Values } from '../types.js';
import { atMost } from './checks.js';
import { type Figures, figuresAt, MAX, type ReportContext } from './figures.js';
import { yearEnd } from './units.js';

/**
 * A count that is a part of one of the unit's figures for the year (reporters trained of all reporters,
 * secretaries with a plan of those who must have one): the question states the figure, one button offers
 * "all of them", and more than that is refused. The figures are those in force at the end of the year, as
 * the indicators read them; without figures any count is accepted.
 */
export function partOfFigure(o: {
  key: string;
  label: string;
  min?: number;
  figure: 'reporters' | 'personalPlanRequired';
  question: (year: unknown) => string;
  /** The figure in words, e.g. `20 đồng chí phải có kế hoạch`. */
  whole: (n: string) => string;
  unknown: string;
  /** For the refusal: "<what> (21) không thể lớn hơn <ofWhat> (20, theo số liệu ngày …)". */
  what: string;
  ofWhat: string;
}): Field<ReportContext> {
  const figures = (v: Values, c: ReportContext): Figures | null => figuresAt(v, c, yearEnd(v));
  return {
    key: o.key,
    label: o.label,
    kind: 'count',
    ...(o.min === undefined ? {} : { min: o.min }),
    max: MAX.reporters,
    prompt: (v, c) => {
      const f = figures(v, c);
      const known = f
        ? `Theo số liệu ngày ${formatDate(f.asOf)}, đơn vị có ${o.whole(formatNumber(f[o.figure]))}.`
        : o.unknown;
      return `${o.question(v.year)}\n${known}`;
    },
    suggest: (v, c) => figures(v, c)?.[o.figure] ?? null,
    suggestLabel: (n) => `Tất cả: ${n}`,
    validate: (n, v, c) => {
      const f = figures(v, c);
      return f ? atMost(n, f[o.figure], o.what, o.ofWhat, `theo số liệu ngày ${formatDate(f.asOf)}`) : null;
    },
  };
}
