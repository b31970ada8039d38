/*
 * Which units file which reports (docs/domain.md, "Who files what"): every unit reports its conferences and
 * its figures; action plans are a grassroots organisation's (xã, co_so); committees (not chi bộ) keep
 * inspection programmes and personal plans; reporters, surveys, facilities and commendations are counted
 * at commune level and above. The keys are the form ids, and the order is the order /baocao offers them.
 */

const ALL = ['tinh', 'huyen', 'xa', 'co_so', 'chi_bo'] as const;
const COMMITTEES = ['tinh', 'huyen', 'xa', 'co_so'] as const;
const COMMUNE_AND_ABOVE = ['tinh', 'huyen', 'xa'] as const;

export const REPORT_KINDS = {
  hoi_nghi: ALL,
  ke_hoach_hanh_dong: ['xa', 'co_so'],
  ke_hoach_ca_nhan: COMMITTEES,
  kiem_tra_giam_sat: COMMITTEES,
  tap_huan_bcv: COMMUNE_AND_ABOVE,
  khao_sat: COMMUNE_AND_ABOVE,
  khen_thuong: COMMUNE_AND_ABOVE,
  co_so_vat_chat: COMMUNE_AND_ABOVE,
  so_lieu: ALL,
} as const satisfies Record<string, readonly string[]>;

export type ReportKind = keyof typeof REPORT_KINDS;

/**
 * Which kinds' facilities count in the counters (docs/domain.md, "Indicators"): loudspeakers are counted over
 * communes ("14/14"), online bridge points by level down to the commune, i.e. the kinds that file facilities.
 * The progress SQL counts only these kinds, and the "Số liệu đơn vị" form asks only them.
 */
export const FIGURE_KINDS = {
  hasLoudspeaker: ['xa'],
  bridgePoints: REPORT_KINDS.co_so_vat_chat,
} as const satisfies Record<string, readonly string[]>;

/** The kinds as an SQL list, `'xa', 'co_so'`, for `kind IN (…)`. */
export const sqlKinds = (kinds: readonly string[]): string => kinds.map((k) => `'${k}'`).join(', ');

export const isReportKind = (s: string): s is ReportKind => Object.hasOwn(REPORT_KINDS, s);

export const appliesTo = (kind: ReportKind, unitKind: string): boolean =>
  (REPORT_KINDS[kind] as readonly string[]).includes(unitKind);
