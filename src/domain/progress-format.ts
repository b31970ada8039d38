import { fraction, type IndicatorResult, NO_DATA, NOT_YET_DUE } from './indicators.js';
import { formatNumber } from './vn.js';

/*
 * The /tiendo message: one line per indicator, then the counters. Pure text, so the same words serve
 * Telegram, a web chat and the tests.
 */

/** `97,55%`, `90,5%`, `100%`: two decimals at most, no trailing zeros. */
export function percent(ratio: number): string {
  const s = formatNumber(ratio * 100, 2).replace(/,?0+$/, '');
  return `${s.endsWith(',') ? s.slice(0, -1) : s}%`;
}

const BAR_CELLS = 10;

/** `▰▰▰▰▰▰▰▰▱▱`, clamped at full. */
export function bar(ratio: number): string {
  const filled = Math.max(0, Math.min(BAR_CELLS, Math.round(ratio * BAR_CELLS)));
  return '▰'.repeat(filled) + '▱'.repeat(BAR_CELLS - filled);
}

const mark = (r: IndicatorResult) => (r.met === null ? '➖' : r.met ? '✅' : '⚠️');
const targetText = (r: IndicatorResult) => (r.target === null ? '' : ` · mục tiêu ${percent(r.target)}`);

export function indicatorLine(r: IndicatorResult, index: number): string {
  const head = `${mark(r)} ${index + 1}. ${r.name}`;
  // Nothing due yet is not "no data": the items are there, their day has not come.
  if (r.ratio === null)
    return `${head}: ${r.pending ? fraction(r).replace(/^0\/0 · /, '') : NO_DATA}${targetText(r)}`;
  return `${head}: ${percent(r.ratio)} ${bar(r.ratio)} ${fraction(r)}${targetText(r)}`;
}

/**
 * One bar of the /tiendo chart: the indicator's name and fraction, and for an empty bar whose items are not yet
 * due, "N chưa đến hạn" instead of "chưa có dữ liệu" (docs/domain.md, "Rules that keep the figures fair").
 */
export function chartRow(r: IndicatorResult) {
  return {
    label: r.name,
    ratio: r.ratio,
    target: r.target,
    met: r.met,
    fraction: r.ratio === null ? '' : fraction(r),
    ...(r.ratio === null && r.pending ? { empty: `${formatNumber(r.pending)} ${NOT_YET_DUE}` } : {}),
  };
}

/** Official style writes small counts with two digits: "04 tập thể, 07 cá nhân" (never a zero: see countOf). */
export const twoDigits = (n: number) => (n < 10 ? `0${n}` : formatNumber(n));

/** `04 tập thể`; a zero is never padded but said: `không có tập thể nào` (docs/domain.md, Vietnamese conventions). */
export const countOf = (n: number, noun: string) =>
  n === 0 ? `không có ${noun} nào` : `${twoDigits(n)} ${noun}`;

const LEVEL_NAMES: Record<string, string> = {
  tinh: 'cấp tỉnh',
  huyen: 'cấp huyện',
  xa: 'cấp xã',
  co_so: 'cơ sở khác',
  chi_bo: 'chi bộ',
};

export interface CounterFigures {
  conferences: number;
  membersPresent: number;
  nonMemberAttendances: number;
  communes: number;
  communesWithLoudspeaker: number;
  bridgePoints: Record<string, number>;
  collectives: number;
  individuals: number;
}

export function counterLines(c: CounterFigures): string[] {
  const levels = Object.keys(LEVEL_NAMES)
    .filter((k) => (c.bridgePoints[k] ?? 0) > 0)
    .map((k) => `${LEVEL_NAMES[k]} ${twoDigits(c.bridgePoints[k] ?? 0)}`);
  return [
    `📌 Hội nghị học tập, quán triệt: ${formatNumber(c.conferences)}`,
    `👥 Lượt người tham dự: ${formatNumber(c.membersPresent + c.nonMemberAttendances)} ` +
      `(${formatNumber(c.membersPresent)} lượt đảng viên, ${formatNumber(c.nonMemberAttendances)} lượt quần chúng)`,
    `📢 Xã, phường có hệ thống loa truyền thanh: ${c.communesWithLoudspeaker}/${c.communes}`,
    `🖥 Điểm cầu trực tuyến: ${levels.length > 0 ? levels.join(', ') : 'chưa có'}`,
    `🏅 Khen thưởng: ${
      c.collectives + c.individuals === 0
        ? 'chưa có'
        : `${countOf(c.collectives, 'tập thể')}, ${countOf(c.individuals, 'cá nhân')}`
    }`,
  ];
}

export interface ProgressView {
  programme: string;
  unitName: string;
  period: string;
  results: IndicatorResult[];
  counters: CounterFigures;
}

export function progressMessage(v: ProgressView): string {
  return [
    `📊 Tiến độ ${v.programme}`,
    `${v.unitName} · ${v.period}`,
    '',
    ...v.results.map(indicatorLine),
    '',
    ...counterLines(v.counters),
  ].join('\n');
}

export interface UnitStanding {
  unitName: string;
  results: IndicatorResult[];
}

const missed = (u: UnitStanding) => u.results.filter((r) => r.met === false);
const noData = (u: UnitStanding) => u.results.filter((r) => r.ratio === null);
const meanRatio = (u: UnitStanding) => {
  const known = u.results.filter((r) => r.ratio !== null);
  return known.length === 0 ? 0 : known.reduce((s, r) => s + Math.min(1, r.ratio ?? 0), 0) / known.length;
};

/** A target missed and an indicator with no data both count against a unit: silence is lagging too. */
const shortfalls = (u: UnitStanding) => missed(u).length + noData(u).length;

/** Worst first: most shortfalls, then most targets missed, then the lowest average. */
export function rankUnits(units: UnitStanding[]): UnitStanding[] {
  return [...units].sort(
    (a, b) =>
      shortfalls(b) - shortfalls(a) ||
      missed(b).length - missed(a).length ||
      meanRatio(a) - meanRatio(b) ||
      a.unitName.localeCompare(b.unitName, 'vi'),
  );
}

export function standingLine(u: UnitStanding, index: number): string {
  const miss = missed(u);
  const none = noData(u);
  const parts = [
    ...miss.map((r) => `${r.name} ${percent(r.ratio ?? 0)}`),
    ...(none.length > 0 ? [`${none.length} chỉ tiêu chưa có dữ liệu`] : []),
  ];
  if (parts.length === 0) return `${index + 1}. ✅ ${u.unitName}: đạt tất cả chỉ tiêu`;
  return `${index + 1}. ${miss.length > 0 ? '⚠️' : '➖'} ${u.unitName}: ${parts.join('; ')}`;
}

/** The by-unit list, worst first, a block a unit (src/domain/pages.ts cuts it into pages). */
export function byUnitBlocks(units: UnitStanding[]): string[] {
  if (units.length === 0) return ['Không có đơn vị trực thuộc nào trong kỳ này.'];
  return rankUnits(units).map(standingLine);
}
