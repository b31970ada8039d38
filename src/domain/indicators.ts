import { formatNumber, formatPercent } from './vn.js';

/** The seven indicators of docs/domain.md ("Indicators"), in the order the Party's documents list them. */
export const INDICATORS = [
  'online_reach',
  'members_study',
  'people_aware',
  'reporters_trained',
  'action_plans',
  'personal_plans',
  'inspection',
] as const;
export type IndicatorKey = (typeof INDICATORS)[number];

export const INDICATOR_NAMES: Record<IndicatorKey, string> = {
  online_reach: 'Học tập trực tuyến đến xã',
  members_study: 'Đảng viên học tập',
  people_aware: 'Nhân dân biết nghị quyết',
  reporters_trained: 'Báo cáo viên được tập huấn',
  action_plans: 'TCCSĐ có kế hoạch kịp thời',
  personal_plans: 'Bí thư, người đứng đầu có KH cá nhân',
  inspection: 'Cấp ủy, UBKT có chương trình KT, GS',
};

export interface Ratio {
  num: number;
  den: number;
  /** Not filed and not yet due ("chưa đến hạn"): apart from the ratio, never a failure. */
  pending?: number;
}

export type RawIndicators = Record<IndicatorKey, Ratio>;

export interface IndicatorResult {
  key: IndicatorKey;
  name: string;
  num: number;
  den: number;
  /** Not yet due, apart from num/den ("2/3 · 1 chưa đến hạn"). */
  pending: number;
  /** null when the denominator is empty: "chưa có dữ liệu", never 0% or NaN. */
  ratio: number | null;
  /** A share, 0..1; null when the programme sets no target for it. */
  target: number | null;
  /** null when there is no data or no target. */
  met: boolean | null;
}

export const NO_DATA = 'chưa có dữ liệu';

export function evaluate(
  raw: RawIndicators,
  targets: Partial<Record<IndicatorKey, number>>,
): IndicatorResult[] {
  return INDICATORS.map((key) => {
    const { num, den, pending = 0 } = raw[key];
    const ratio = den > 0 ? num / den : null;
    const target = targets[key] ?? null;
    // Compare in whole basis points, so 0.9 of 1000 (900/1000) meets a 90% target despite binary fractions.
    const met =
      ratio === null || target === null ? null : Math.round(ratio * 10_000) >= Math.round(target * 10_000);
    return { key, name: INDICATOR_NAMES[key], num, den, pending, ratio, target, met };
  });
}

/** Anything counted, or pending, at all: a level's own row is shown only then. */
export const hasAnyFigure = (raw: RawIndicators): boolean =>
  INDICATORS.some((k) => raw[k].den > 0 || raw[k].num > 0 || (raw[k].pending ?? 0) > 0);

export const emptyRaw = (): RawIndicators =>
  Object.fromEntries(INDICATORS.map((k) => [k, { num: 0, den: 0 }])) as RawIndicators;

export function addRaw(a: RawIndicators, b: RawIndicators): RawIndicators {
  return Object.fromEntries(
    INDICATORS.map((k) => {
      const pending = (a[k].pending ?? 0) + (b[k].pending ?? 0);
      return [k, { num: a[k].num + b[k].num, den: a[k].den + b[k].den, ...(pending ? { pending } : {}) }];
    }),
  ) as RawIndicators;
}

/** `97,55%`, or "chưa có dữ liệu". */
export const percentOrNoData = (r: IndicatorResult, digits = 1) =>
  r.ratio === null ? NO_DATA : formatPercent(r.ratio, digits);

/** `1.234/1.300`, and `· 2 chưa đến hạn` when some is not yet due. */
export const fraction = (r: Ratio) =>
  `${formatNumber(r.num)}/${formatNumber(r.den)}${r.pending ? ` · ${formatNumber(r.pending)} ${NOT_YET_DUE}` : ''}`;

export const NOT_YET_DUE = 'chưa đến hạn';
