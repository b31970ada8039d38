import type Database from 'better-sqlite3';
import type { Db } from '../client.js';

/*
 * The summaries /tiendo reads instead of the 2 million conference reports (schema.ts: study_pairs,
 * conference_years, org_study_firsts). They are recomputed from the base tables, key by key, in the
 * transaction that writes a report: no incremental arithmetic to get wrong. Exact for periods made of
 * whole years (what /tiendo asks); progress() reads the base tables for any other period.
 *
 * - study_pairs (unit, document, year): Σ present, max eligible, first day, sessions; pair_years is how
 *   many years the (unit, document) pair spans, over all time.
 * - conference_years (unit, year): conferences, present, non-member attendances; and "party members study"
 *   (Σ min(present, eligible), Σ eligible) for the pairs with pair_years = 1, whose min can be taken per
 *   year. Pairs spanning years (~0.4% of them) are re-aggregated over the period at query time.
 * - org_study_firsts (organisation, document): the very first conference, over all time, of the
 *   grassroots organisation (xa / co_so) and the units it leads. This one follows the tree: a trigger on
 *   units marks it stale when a parent or kind changes, and the next progress() rebuilds it.
 */

/** The settings key the units trigger sets (migration 0005). */
export const ORG_FIRSTS_STALE_KEY = 'summary.org_study_firsts';

/** What a conference report contributes to: its unit, day and documents (before or after a change). */
export interface ReportKeys {
  unitId: number;
  heldOn: string;
  documentIds: readonly number[];
}

const YEAR_OF = (column: string) => `CAST(substr(${column}, 1, 4) AS INTEGER)`;

/** Every unit with its grassroots organisation (null above the communes), from the roots down. */
const UNIT_ORGS = `
WITH RECURSIVE tree(id, org) AS (
  SELECT id, CASE WHEN kind IN ('xa', 'co_so') THEN id END FROM units WHERE parent_id IS NULL
  UNION ALL
  SELECT u.id, CASE WHEN u.kind IN ('xa', 'co_so') THEN u.id ELSE t.org END FROM units u JOIN tree t ON u.parent_id = t.id
)`;

const REBUILD_ORG_FIRSTS = [
  'DELETE FROM org_study_firsts',
  `INSERT INTO org_study_firsts (org_id, document_id, first_held_on)
   ${UNIT_ORGS}
   SELECT t.org, p.document_id, min(p.first_held_on) FROM tree t JOIN study_pairs p ON p.unit_id = t.id
   WHERE t.org IS NOT NULL GROUP BY t.org, p.document_id`,
  `DELETE FROM settings WHERE key = '${ORG_FIRSTS_STALE_KEY}'`,
];

/** From scratch (the migration that made the tables runs the same statements). */
const REBUILD = [
  'DELETE FROM study_pairs',
  'DELETE FROM conference_years',
  `INSERT INTO study_pairs (unit_id, document_id, year, present, eligible, first_held_on, sessions, pair_years)
   SELECT r.unit_id, d.document_id, ${YEAR_OF('r.held_on')}, sum(r.present), max(r.eligible), min(r.held_on), count(*), 1
   FROM conference_reports r JOIN conference_report_documents d ON d.report_id = r.id
   GROUP BY r.unit_id, d.document_id, ${YEAR_OF('r.held_on')}`,
  `UPDATE study_pairs SET pair_years = m.n
   FROM (SELECT unit_id, document_id, count(*) AS n FROM study_pairs GROUP BY unit_id, document_id HAVING count(*) > 1) m
   WHERE m.unit_id = study_pairs.unit_id AND m.document_id = study_pairs.document_id`,
  `INSERT INTO conference_years (unit_id, year, conferences, present, non_member_attendances, study_num, study_den)
   SELECT unit_id, year, count(*), sum(present), sum(non_member_attendances), 0, 0
   FROM (SELECT unit_id, ${YEAR_OF('held_on')} AS year, present, non_member_attendances FROM conference_reports)
   GROUP BY unit_id, year`,
  `UPDATE conference_years SET study_num = s.num, study_den = s.den
   FROM (SELECT unit_id, year, sum(min(present, eligible)) AS num, sum(eligible) AS den
         FROM study_pairs WHERE pair_years = 1 GROUP BY unit_id, year) s
   WHERE s.unit_id = conference_years.unit_id AND s.year = conference_years.year`,
  ...REBUILD_ORG_FIRSTS,
];

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<Database.Database, Statements>();

function prepare(c: Database.Database) {
  return {
    deletePair: c.prepare('DELETE FROM study_pairs WHERE unit_id = @u AND document_id = @d AND year = @y'),
    insertPair: c.prepare(`
      INSERT INTO study_pairs (unit_id, document_id, year, present, eligible, first_held_on, sessions, pair_years)
      SELECT r.unit_id, d.document_id, @y, sum(r.present), max(r.eligible), min(r.held_on), count(*), 1
      FROM conference_reports r CROSS JOIN conference_report_documents d
      WHERE r.unit_id = @u AND r.held_on BETWEEN printf('%04d-01-01', @y) AND printf('%04d-12-31', @y)
        AND d.report_id = r.id AND d.document_id = @d
      GROUP BY r.unit_id, d.document_id`),
    pairYears: c.prepare(`
      UPDATE study_pairs SET pair_years = (
        SELECT count(*) FROM study_pairs q WHERE q.unit_id = @u AND q.document_id = @d)
      WHERE unit_id = @u AND document_id = @d
      RETURNING year`),
    deleteYear: c.prepare('DELETE FROM conference_years WHERE unit_id = @u AND year = @y'),
    insertYear: c.prepare(`
      INSERT INTO conference_years (unit_id, year, conferences, present, non_member_attendances, study_num, study_den)
      SELECT r.unit_id, @y, count(*), sum(r.present), sum(r.non_member_attendances),
        coalesce((SELECT sum(min(p.present, p.eligible)) FROM study_pairs p
                  WHERE p.unit_id = @u AND p.year = @y AND p.pair_years = 1), 0),
        coalesce((SELECT sum(p.eligible) FROM study_pairs p WHERE p.unit_id = @u AND p.year = @y AND p.pair_years = 1), 0)
      FROM conference_reports r
      WHERE r.unit_id = @u AND r.held_on BETWEEN printf('%04d-01-01', @y) AND printf('%04d-12-31', @y)
      GROUP BY r.unit_id`),
    /** The unit's grassroots organisation: the nearest xa / co_so at or above it. */
    orgOf: c
      .prepare(`
      WITH RECURSIVE up(id, kind, parent_id, depth) AS (
        SELECT id, kind, parent_id, 0 FROM units WHERE id = ?
        UNION ALL
        SELECT u.id, u.kind, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
      )
      SELECT id FROM up WHERE kind IN ('xa', 'co_so') ORDER BY depth LIMIT 1`)
      .pluck(),
    deleteOrgFirst: c.prepare('DELETE FROM org_study_firsts WHERE org_id = @org AND document_id = @d'),
    insertOrgFirst: c.prepare(`
      INSERT INTO org_study_firsts (org_id, document_id, first_held_on)
      WITH RECURSIVE led(id) AS (
        SELECT @org
        UNION ALL
        SELECT u.id FROM units u JOIN led ON u.parent_id = led.id WHERE u.kind NOT IN ('xa', 'co_so')
      )
      SELECT * FROM (
        SELECT @org, @d, min(p.first_held_on) AS first
        FROM led CROSS JOIN study_pairs p WHERE p.unit_id = led.id AND p.document_id = @d
      ) WHERE first IS NOT NULL`),
    stale: c.prepare('SELECT 1 FROM settings WHERE key = ?').pluck(),
    rebuildOrgFirsts: REBUILD_ORG_FIRSTS.map((s) => c.prepare(s)),
  };
}

function statements(c: Database.Database): Statements {
  const hit = cache.get(c);
  if (hit) return hit;
  const made = prepare(c);
  cache.set(c, made);
  return made;
}

const yearOf = (isoDate: string) => Number(isoDate.slice(0, 4));

/**
 * Recomputes every summary row the given reports touch, from the base tables. Call it in the
 * transaction that wrote them, after the write, with the reports' keys before and after the change.
 */
export function refreshProgressSummaries(db: Db, touched: readonly ReportKeys[]): void {
  const st = statements(db.$client);
  const pairs = new Map<string, { u: number; d: number; y: number }>();
  const unitYears = new Map<string, { u: number; y: number }>();
  const addYear = (u: number, y: number) => unitYears.set(`${u}:${y}`, { u, y });
  for (const r of touched) {
    const y = yearOf(r.heldOn);
    addYear(r.unitId, y);
    for (const d of r.documentIds) pairs.set(`${r.unitId}:${d}:${y}`, { u: r.unitId, d, y });
  }
  for (const k of pairs.values()) {
    st.deletePair.run(k);
    st.insertPair.run(k);
  }
  // Whether a pair spans years decides where its "party members study" is summed: every year the
  // pair has rows in is touched, not only the year written.
  const unitDocs = new Map<string, { u: number; d: number }>();
  for (const { u, d } of pairs.values()) unitDocs.set(`${u}:${d}`, { u, d });
  for (const k of unitDocs.values())
    for (const { year } of st.pairYears.all(k) as { year: number }[]) addYear(k.u, year);
  for (const k of unitYears.values()) {
    st.deleteYear.run(k);
    st.insertYear.run(k);
  }
  if (st.stale.get(ORG_FIRSTS_STALE_KEY) !== undefined) return; // rebuilt whole by the next progress()
  const orgs = new Map<number, number | null>();
  const orgDocs = new Map<string, { org: number; d: number }>();
  for (const { u, d } of unitDocs.values()) {
    if (!orgs.has(u)) orgs.set(u, (st.orgOf.get(u) as number | undefined) ?? null);
    const org = orgs.get(u);
    if (org != null) orgDocs.set(`${org}:${d}`, { org, d });
  }
  for (const k of orgDocs.values()) {
    st.deleteOrgFirst.run(k);
    st.insertOrgFirst.run(k);
  }
}

/** Rebuilds org_study_firsts when a change to the tree has marked it stale. */
export function ensureOrgStudyFirsts(db: Db): void {
  const st = statements(db.$client);
  if (st.stale.get(ORG_FIRSTS_STALE_KEY) === undefined) return;
  for (const s of st.rebuildOrgFirsts) s.run();
}

/** All three from scratch: for bulk loads (bench/generate.ts) and as the reference in tests. */
export function rebuildProgressSummaries(db: Db): void {
  db.$client.transaction(() => {
    for (const s of REBUILD) db.$client.prepare(s).run();
  })();
}
