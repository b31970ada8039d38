/*
 * The leaders' dashboard's figures for one unit and a span of whole years (docs/architecture.md, "Dashboard";
 * the JSON shape is docs/dashboard-api.md): the heat table of /tiendo's "Theo đơn vị" rows (the same functions,
 * src/services/standings.ts, so the numbers agree), the total and counters, the trend per year over the
 * programme's span, and the overdue items /nhacviec lists. Who may see what is src/services/scope.ts.
 */

import { M } from '../bot/messages.js';
import type { Db } from '../db/client.js';
import { othersVersion, ownChanges } from '../db/repositories/data-stamp.js';
import { dueItems } from '../db/repositories/due-items.js';
import {
  getProgramme,
  listProgrammes,
  programmeForYear,
  programmeTargetsOf,
} from '../db/repositories/programmes.js';
import type { Progress } from '../db/repositories/progress.js';
import { getUnit, withChildrenValidIn } from '../db/repositories/units.js';
import type { Programme } from '../db/schema.js';
import { daysLeft } from '../domain/deadlines.js';
import {
  evaluate,
  INDICATOR_NAMES,
  INDICATORS,
  type IndicatorKey,
  type RawIndicators,
} from '../domain/indicators.js';
import { describeSpan, MIN_PROGRESS_YEAR, spanDates, spanError, type YearSpan } from '../domain/period.js';
import { scopeIncludes, viewScopeOf } from '../services/scope.js';
import { progressOf, standingRows } from '../services/standings.js';

export const LATE_MAX = 50;

export class DashboardError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

export const D = {
  noUnit: 'Không tìm thấy đơn vị này.',
  notAllowed: 'Đồng chí không được xem tiến độ của đơn vị này.',
  noRole: 'Đồng chí chưa được giao vai trò ở đơn vị nào, nên chưa có bảng theo dõi.',
  noProgramme: 'Không tìm thấy chương trình, đề án này.',
  badYear: 'Năm không hợp lệ.',
};

export type CellStatus = 'met' | 'below' | 'nodata' | 'pending';
export interface Cell {
  key: IndicatorKey;
  num: number;
  den: number;
  rate: number | null;
  status: CellStatus;
  pending: number;
}

export interface DashboardQuery {
  unit?: number;
  from?: number;
  to?: number;
  programme?: number;
}

export interface DashboardUser {
  id: number;
  name: string;
}

export interface DashboardEnv {
  db: Db;
  adminIds: readonly number[];
  /** ISO day in the office's time zone (the bot's clock). */
  today: string;
}

export function cellsOf(raw: RawIndicators, targets: Partial<Record<IndicatorKey, number>>): Cell[] {
  return evaluate(raw, targets).map((r) => ({
    key: r.key,
    num: r.num,
    den: r.den,
    rate: r.ratio,
    // Nothing due yet is pending, never a failure (docs/domain.md, "Rules that keep the figures fair").
    status: r.ratio === null ? (r.pending > 0 ? 'pending' : 'nodata') : r.met === false ? 'below' : 'met',
    pending: r.pending,
  }));
}

const yearOf = (iso: string) => Number(iso.slice(0, 4));
const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** The unit, span and programme asked, checked against the user's scope; throws DashboardError. */
export function resolveQuery(env: DashboardEnv, user: DashboardUser, q: DashboardQuery) {
  const { db, today } = env;
  const thisYear = yearOf(today);
  const scope = viewScopeOf(db, user.id, env.adminIds, today);
  if (scope.roots.length === 0) throw new DashboardError(403, D.noRole);
  const unitId = q.unit ?? scope.roots[0]?.id ?? 0;
  const unit = unitId > 0 ? getUnit(db, unitId) : null;
  if (!unit) throw new DashboardError(404, D.noUnit);
  if (!scopeIncludes(db, scope, unit.id)) throw new DashboardError(403, D.notAllowed);
  const span: YearSpan = { from: q.from ?? q.to ?? thisYear, to: q.to ?? q.from ?? thisYear };
  const bad = spanError(span, thisYear);
  if (bad) throw new DashboardError(400, bad);
  let programme: Programme | null;
  if (q.programme !== undefined) {
    programme = getProgramme(db, q.programme);
    if (!programme) throw new DashboardError(404, D.noProgramme);
  } else programme = programmeForYear(db, span.to);
  return { scope, unit, span, programme, thisYear };
}

/**
 * The trend's years already counted, per unit, valid while no row has changed (src/db/repositories/data-stamp.ts):
 * a leader changing the period or programme does not count the programme's past years again.
 */
interface TrendCache {
  today: string;
  version: number;
  changes: number;
  years: Map<string, RawIndicators>;
}
const trendCaches = new WeakMap<Db, TrendCache>();
const TREND_CACHE_MAX = 5000;

function trendCache(db: Db, today: string): TrendCache {
  // Another connection's commit is seen by data_version; taken before reading, so one during the reads makes the
  // next call start afresh.
  const version = othersVersion(db);
  const hit = trendCaches.get(db);
  if (hit && hit.today === today && hit.version === version && hit.changes === ownChanges(db)) {
    if (hit.years.size < TREND_CACHE_MAX) return hit;
  }
  const fresh: TrendCache = { today, version, changes: -1, years: new Map() };
  trendCaches.set(db, fresh);
  return fresh;
}

/** The trend's years: each of the programme's span up to this year (or the asked span without a programme). */
function trendYearsOf(span: YearSpan, programme: Programme | null, thisYear: number): number[] {
  const trendFrom = programme ? yearOf(programme.periodFrom) : span.from;
  const trendTo = Math.min(thisYear, programme ? yearOf(programme.periodTo) : span.to);
  const years: number[] = [];
  for (let y = Math.max(trendFrom, MIN_PROGRESS_YEAR); y <= trendTo; y++) years.push(y);
  return years;
}

/**
 * The seven rates per year (`GET /api/dashboard/trend`, or inside `/api/dashboard` unless `trend: false`): the
 * years counted before come from the cache while nothing has changed, the others are counted over one scope
 * (progress() alsoYears). `p`: the asked span's progress when it is already counted (a single year of the trend).
 */
function trendOf(env: DashboardEnv, unitId: number, span: YearSpan, years: number[], p?: Progress) {
  const { db, today } = env;
  const cache = trendCache(db, today);
  const key = (y: number) => `${unitId}:${y}`;
  const asked = p && span.from === span.to ? span.from : null;
  const missing = years.filter((y) => y !== asked && !cache.years.has(key(y)));
  const [first, ...rest] = missing;
  if (first !== undefined) {
    const counted = progressOf(db, [unitId], { from: first, to: first }, today, rest);
    cache.years.set(key(first), counted.total);
    rest.forEach((y, i) => {
      const raw = counted.byYear?.[i];
      if (raw) cache.years.set(key(y), raw);
    });
  }
  // Only this call's own reads ran since the cache was checked (it is synchronous): nothing else changed a row.
  cache.changes = ownChanges(db);
  const perYear = years.map((y) => (y === asked && p ? p.total : cache.years.get(key(y))));
  return {
    years,
    series: INDICATORS.map((k) => ({
      key: k,
      rates: perYear.map((raw) => (raw && raw[k].den > 0 ? raw[k].num / raw[k].den : null)),
    })),
  };
}

export function dashboardTrend(env: DashboardEnv, user: DashboardUser, q: DashboardQuery) {
  const { unit, span, programme, thisYear } = resolveQuery(env, user, q);
  return trendOf(env, unit.id, span, trendYearsOf(span, programme, thisYear));
}

/**
 * `GET /api/dashboard`: the heat table, total, counters, late items; and the trend unless `trend` is false (the
 * page asks for it apart, so the table is drawn first: BENCHMARKS.md, "Dashboard").
 */
export function dashboardData(
  env: DashboardEnv,
  user: DashboardUser,
  q: DashboardQuery,
  o: { trend?: boolean } = {},
) {
  const { db, today } = env;
  const { scope, unit, span, programme, thisYear } = resolveQuery(env, user, q);
  const targets = programme ? programmeTargetsOf(db, programme.id) : {};
  const p = progressOf(db, [unit.id], span, today);

  const standing = standingRows(db, p, unit.id, span);
  const { from, to } = spanDates(span);
  const withChildren = withChildrenValidIn(
    db,
    standing.filter((r) => !r.own).map((r) => r.unitId),
    from,
    to,
  );
  const parent = unit.parentId ? getUnit(db, unit.parentId) : null;
  const programmes = listProgrammes(db);

  // What /nhacviec lists as overdue for this unit's subtree, the longest late first.
  const due = dueItems(db, { today, horizon: today, rootIds: [unit.id] });
  const late = due.entries
    .map((e) => ({ e, left: daysLeft(e.item.deadline, today) }))
    .filter((x) => x.left < 0)
    .sort((a, b) => a.left - b.left || a.e.title.localeCompare(b.e.title, 'vi'));

  const c = p.counters;
  const link = (file: string) => `/api/dashboard/${file}?unit=${unit.id}&from=${span.from}&to=${span.to}`;
  return {
    user: { name: user.name },
    roots: scope.roots,
    unit: {
      id: unit.id,
      name: unit.name,
      kind: unit.kind,
      parent: parent && scopeIncludes(db, scope, parent.id) ? { id: parent.id, name: parent.name } : null,
    },
    period: { from: span.from, to: span.to, label: capitalised(describeSpan(span)) },
    years: {
      min: Math.max(MIN_PROGRESS_YEAR, Math.min(thisYear, ...programmes.map((x) => yearOf(x.periodFrom)))),
      max: thisYear,
    },
    programmes: programmes.map((x) => ({
      id: x.id,
      name: x.name,
      from: yearOf(x.periodFrom),
      to: yearOf(x.periodTo),
    })),
    programme: programme ? { id: programme.id, name: programme.name } : null,
    indicators: INDICATORS.map((key, i) => ({
      key,
      no: i + 1,
      name: INDICATOR_NAMES[key],
      target: targets[key] ?? null,
    })),
    rows: standing.map((r) => ({
      unitId: r.unitId,
      name: r.own ? M.progress.ownLevel(r.name) : r.name,
      kind: r.kind,
      own: r.own,
      hasChildren: !r.own && withChildren.has(r.unitId),
      cells: cellsOf(r.raw, targets),
    })),
    total: { cells: cellsOf(p.total, targets) },
    counters: {
      conferences: c.conferences,
      attendances: c.membersPresent + c.nonMemberAttendances,
      loudspeakers: c.communesWithLoudspeaker,
      bridgePoints: Object.values(c.bridgePoints).reduce((a, b) => a + b, 0),
      commendations: c.collectives + c.individuals,
    },
    trend: o.trend === false ? null : trendOf(env, unit.id, span, trendYearsOf(span, programme, thisYear), p),
    late: {
      items: late.slice(0, LATE_MAX).map(({ e, left }) => ({
        unit: due.units.get(e.item.unitId)?.name ?? '?',
        item: e.title,
        deadline: e.item.deadline,
        daysLate: -left,
      })),
      more: Math.max(0, late.length - LATE_MAX),
    },
    downloads: { xlsx: link('export.xlsx'), docx: link('summary.docx') },
  };
}

export type DashboardData = ReturnType<typeof dashboardData>;
