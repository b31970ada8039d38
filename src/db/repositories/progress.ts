import type Database from 'better-sqlite3';
import { DEFAULT_RULES, type DeadlineRules } from '../../domain/deadlines.js';
import { emptyRaw, INDICATORS, type IndicatorKey, type RawIndicators } from '../../domain/indicators.js';
import type { CounterFigures } from '../../domain/progress-format.js';
import type { Db } from '../client.js';
import { inTransaction } from '../tx.js';
import { BASE_SQL, COUNTERS_SQL, INDICATOR_SQL, SCOPE_SQL, smallScopeSql } from './progress-sql.js';
import { ensureOrgStudyFirsts } from './progress-summary.js';

/*
 * The seven indicators for a scope (one or more units and their subtrees) and a period, aggregated in
 * SQL. The scope is materialised once per question into an indexed temporary table, each unit tagged
 * with its "bucket" (the child of the root it belongs to, for "by unit") and its grassroots organisation.
 * The conference figures come from summaries kept on write (progress-summary.ts), exact for periods of
 * whole years, which is all /tiendo asks; another period reads the reports themselves (slower, same
 * formulas).
 */

export interface ProgressQuery {
  /** One unit: buckets are its children (and itself). Several: buckets are the units themselves. */
  rootIds: number[];
  /** ISO dates, inclusive. */
  from: string;
  to: string;
  /** Days after the first study conference within which a grassroots organisation's action plan is due. */
  actionPlanDays: number;
  /** The annual deadlines (MM-DD); DEFAULT_RULES' when absent. */
  annual?: Pick<DeadlineRules, 'inspection' | 'personalPlans' | 'reporterTraining'>;
  /**
   * ISO day: items not filed whose deadline is after it are "chưa đến hạn" (pending), not failures. Absent:
   * everything with a deadline in the period is due (a question about the past).
   */
  today?: string;
  /** 'base': compute everything from the reports, ignoring the summaries (tests compare the two). */
  source?: 'summaries' | 'base';
  /** How "the unit has figures" is checked: by the scope's size when absent (tests compare the two). */
  figures?: 'probe' | 'scan';
  /**
   * Whole years whose totals are wanted too, over the same scope (the dashboard's trend, docs/architecture.md
   * "Dashboard"): the scope is built once, and no counters are read for them.
   */
  alsoYears?: readonly number[];
}

/** From 1 January of a year to 31 December of the same or a later one. */
export function isWholeYears(from: string, to: string): boolean {
  return from.endsWith('-01-01') && to.endsWith('-12-31') && from.slice(0, 4) <= to.slice(0, 4);
}

/** The counters beside the indicators: the domain's shape, filled here. */
export type Counters = CounterFigures;

export interface Progress {
  total: RawIndicators;
  /** Per bucket unit id. */
  buckets: Map<number, RawIndicators>;
  counters: Counters;
  /** The totals of `alsoYears`, in their order. */
  byYear?: RawIndicators[];
}

/** Up to this many units in scope, the statements that check "has figures" probe an index per unit. */
const SMALL_SCOPE = 500;

type Statements = {
  /** The small-scope form of the statements that have one (smallScopeSql). */
  small: Partial<Record<IndicatorKey | 'bridge', Database.Statement>>;
} & Record<
  | 'scope'
  | 'clear'
  | 'counters'
  | 'bridge'
  | 'baseMembersStudy'
  | 'baseActionPlans'
  | 'baseCounters'
  | IndicatorKey,
  Database.Statement
>;
const cache = new WeakMap<Database.Database, Statements>();

function statements(client: Database.Database): Statements {
  const hit = cache.get(client);
  if (hit) return hit;
  client.exec(`
    CREATE TEMP TABLE IF NOT EXISTS progress_scope (
      id INTEGER PRIMARY KEY, bucket INTEGER NOT NULL, org INTEGER, kind TEXT NOT NULL,
      valid_from TEXT NOT NULL, valid_to TEXT);
    CREATE INDEX IF NOT EXISTS temp.progress_scope_org ON progress_scope(org);
    CREATE INDEX IF NOT EXISTS temp.progress_scope_kind ON progress_scope(kind);
    CREATE INDEX IF NOT EXISTS temp.progress_scope_bucket ON progress_scope(bucket, id);`);
  const made = {
    scope: client.prepare(SCOPE_SQL),
    clear: client.prepare('DELETE FROM progress_scope'),
    counters: client.prepare(COUNTERS_SQL.main),
    bridge: client.prepare(COUNTERS_SQL.bridge),
    baseMembersStudy: client.prepare(BASE_SQL.members_study),
    baseActionPlans: client.prepare(BASE_SQL.action_plans),
    baseCounters: client.prepare(BASE_SQL.counters),
    ...(Object.fromEntries(INDICATORS.map((k) => [k, client.prepare(INDICATOR_SQL[k])])) as Record<
      IndicatorKey,
      Database.Statement
    >),
    small: Object.fromEntries(
      [
        ...INDICATORS.map((k) => [k, INDICATOR_SQL[k]] as const),
        ['bridge', COUNTERS_SQL.bridge] as const,
      ].flatMap(([k, text]) =>
        smallScopeSql(text) === text ? [] : [[k, client.prepare(smallScopeSql(text))]],
      ),
    ),
  };
  cache.set(client, made);
  return made;
}

interface Row {
  bucket: number;
  num: number | null;
  den: number | null;
  pending?: number | null;
}

function paramsOf(q: Omit<ProgressQuery, 'rootIds'>) {
  return {
    from: q.from,
    to: q.to,
    y1: Number(q.from.slice(0, 4)),
    y2: Number(q.to.slice(0, 4)),
    days: q.actionPlanDays,
    cutoff: q.today && q.today < q.to ? q.today : q.to,
    dl_inspection: (q.annual ?? DEFAULT_RULES).inspection,
    dl_personal: (q.annual ?? DEFAULT_RULES).personalPlans,
    dl_training: (q.annual ?? DEFAULT_RULES).reporterTraining,
  };
}

/** The seven indicators per bucket of the scope already in progress_scope. */
function indicatorsOf(
  st: Statements,
  q: Omit<ProgressQuery, 'rootIds'>,
  probe: boolean,
): Map<number, RawIndicators> {
  const params = paramsOf(q);
  const base = q.source === 'base';
  const years = !base && isWholeYears(q.from, q.to);
  const sized = (key: IndicatorKey) => (probe ? st.small[key] : undefined) ?? st[key];
  const buckets = new Map<number, RawIndicators>();
  for (const key of INDICATORS) {
    const statement =
      key === 'members_study' && !years
        ? st.baseMembersStudy
        : key === 'action_plans' && base
          ? st.baseActionPlans
          : sized(key);
    for (const r of statement.all(params) as Row[]) {
      const raw = buckets.get(r.bucket) ?? emptyRaw();
      raw[key] = { num: r.num ?? 0, den: r.den ?? 0, ...(r.pending ? { pending: r.pending } : {}) };
      buckets.set(r.bucket, raw);
    }
  }
  return buckets;
}

function totalOf(buckets: Map<number, RawIndicators>): RawIndicators {
  const total = emptyRaw();
  for (const raw of buckets.values()) {
    for (const k of INDICATORS) {
      total[k].num += raw[k].num;
      total[k].den += raw[k].den;
      if (raw[k].pending) total[k].pending = (total[k].pending ?? 0) + (raw[k].pending ?? 0);
    }
  }
  return total;
}

/** Fills progress_scope; how many units it holds. */
function buildScope(st: Statements, rootIds: number[], split: boolean): number {
  st.clear.run();
  return st.scope.run({ roots: JSON.stringify(rootIds), split: split ? 1 : 0 }).changes;
}

export function progress(db: Db, q: ProgressQuery): Progress {
  const st = statements(db.$client);
  const params = paramsOf(q);
  const base = q.source === 'base';
  const years = !base && isWholeYears(q.from, q.to);
  return inTransaction(db, () => {
    if (!base) ensureOrgStudyFirsts(db);
    const units = buildScope(st, q.rootIds, q.rootIds.length === 1);
    const probe = q.figures ? q.figures === 'probe' : units <= SMALL_SCOPE;
    const buckets = indicatorsOf(st, q, probe);
    const total = totalOf(buckets);
    const c = (years ? st.counters : st.baseCounters).get(params) as Omit<Counters, 'bridgePoints'>;
    const bridge = (probe ? st.small.bridge : undefined) ?? st.bridge;
    const bridgePoints = Object.fromEntries(
      (bridge.all(params) as { kind: string; points: number }[]).map((b) => [b.kind, b.points]),
    );
    const byYear = q.alsoYears?.map((y) =>
      totalOf(indicatorsOf(st, { ...q, from: `${y}-01-01`, to: `${y}-12-31`, source: undefined }, probe)),
    );
    st.clear.run();
    return { total, buckets, counters: { ...c, bridgePoints }, ...(byYear ? { byYear } : {}) };
  });
}
