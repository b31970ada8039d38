import type { IndicatorKey } from '../../domain/indicators.js';
import { FIGURE_KINDS, REPORT_KINDS, sqlKinds } from '../../domain/report-kinds.js';

/*
 * The SQL behind progress.ts, with the formulas of docs/domain.md ("Indicators"). Parameters: @from, @to (ISO
 * dates), @y1, @y2 (the years they fall in), @days (action plan deadline), @cutoff (the earlier of @to and today),
 * @dl_inspection, @dl_personal, @dl_training (annual deadlines, MM-DD). Every query groups by bucket.
 * Fairness (docs/domain.md, "Rules that keep the figures fair"): an item counts once it is filed, or once its
 * deadline (on or before @cutoff) has passed while its unit existed; an unfiled item whose deadline is after
 * @cutoff is `pending` ("chưa đến hạn"), never a failure; a unit closed before a deadline does not count for it;
 * a figure counts only for the kinds that can file the report filling the numerator (src/domain/report-kinds.ts).
 * CROSS JOIN fixes the join order SQLite must use: scope first, then the rows by unit.
 * "Party members study", action plans and the conference counters read the summaries kept on write
 * (progress-summary.ts); BASE_SQL computes them from the reports themselves.
 */

/** Every unit below the roots, tagged with its bucket and its grassroots organisation (xã or cơ sở). */
export const SCOPE_SQL = `
INSERT INTO progress_scope (id, bucket, org, kind, valid_from, valid_to)
WITH RECURSIVE scope(id, bucket, org, kind, valid_from, valid_to, depth) AS (
  SELECT id, id, CASE WHEN kind IN ('xa', 'co_so') THEN id END, kind, valid_from, valid_to, 0
  FROM units WHERE id IN (SELECT value FROM json_each(@roots))
  UNION ALL
  SELECT u.id, CASE WHEN s.depth = 0 AND @split THEN u.id ELSE s.bucket END,
         CASE WHEN u.kind IN ('xa', 'co_so') THEN u.id ELSE s.org END,
         u.kind, u.valid_from, u.valid_to, s.depth + 1
  FROM units u JOIN scope s ON u.parent_id = s.id
)
SELECT id, bucket, org, kind, valid_from, valid_to FROM scope WHERE true
ON CONFLICT (id) DO NOTHING`;

const VALID = (s: string, from = '@from', to = '@to') =>
  `${s}.valid_from <= ${to} AND (${s}.valid_to IS NULL OR ${s}.valid_to >= ${from})`;

/** Each year of the period, cut to the period: (y, ys, ye). */
const YEARS = `
WITH RECURSIVE years(y) AS (SELECT @y1 UNION ALL SELECT y + 1 FROM years WHERE y < @y2),
spans AS (SELECT y, max(@from, printf('%04d-01-01', y)) AS ys, min(@to, printf('%04d-12-31', y)) AS ye FROM years)`;

/** The latest dated figure of unit `s` on or before `date`. */
const FIGURE = (column: string, s: string, date: string) =>
  `(SELECT f.${column} FROM unit_figures f WHERE f.unit_id = ${s}.id AND f.as_of <= ${date} ORDER BY f.as_of DESC LIMIT 1)`;

/**
 * "The unit has figures", as written for a large scope: one pass over unit_figures per statement. For a
 * small scope (a commune and its chi bộ) that pass is most of the statement at national scale (~9 of 10 ms
 * of a commune's /tiendo on the bench database), and an index probe per unit is far cheaper; for a province
 * the probes cost more than the pass. progress() picks the form by the scope's size (smallScopeSql).
 */
const HAS_FIGURES = 's.id IN (SELECT unit_id FROM unit_figures)';
const HAS_FIGURES_PROBED = 'EXISTS (SELECT 1 FROM unit_figures f0 WHERE f0.unit_id = s.id)';

/** The same statement for a small scope: each unit's figures looked up by index. */
export const smallScopeSql = (sql: string): string => sql.replaceAll(HAS_FIGURES, HAS_FIGURES_PROBED);

/** The unit (columns valid_from, valid_to of `s`) existed on `deadline`. */
const EXISTED = (s: string, deadline: string) => `(${VALID(s, deadline, deadline)})`;

/** An item counts: filed, or due by the cutoff while its unit existed. Pending: not filed, due after it. */
const COUNTS = (filed: string, deadline: string, s: string) =>
  `(${filed} OR (${deadline} <= @cutoff AND ${EXISTED(s, deadline)}))`;
const PENDING = (filed: string, deadline: string, s: string) =>
  `(NOT (${filed}) AND ${deadline} > @cutoff AND ${EXISTED(s, deadline)})`;

/**
 * Per (unit, year): the unit's own count (trained, with plan) capped at its figure (reporters, required), for the
 * kinds that file that report; `deadline` is the year's (e.g. @dl_training → yyyy-09-30).
 */
const PER_YEAR = (
  figure: string,
  table: string,
  column: string,
  kinds: readonly string[],
  deadline: string,
) => `
${YEARS},
due AS (
  SELECT s.bucket, s.id, s.valid_from, s.valid_to, sp.y, ${FIGURE(figure, 's', 'sp.ye')} AS need,
    printf('%04d-', sp.y) || ${deadline} AS deadline
  FROM progress_scope s CROSS JOIN spans sp
  WHERE s.kind IN (${sqlKinds(kinds)}) AND ${VALID('s', 'sp.ys', 'sp.ye')} AND ${HAS_FIGURES}
)
SELECT due.bucket,
  sum(CASE WHEN ${COUNTS('t.unit_id IS NOT NULL', 'due.deadline', 'due')} THEN min(coalesce(t.${column}, 0), due.need) ELSE 0 END) AS num,
  sum(CASE WHEN ${COUNTS('t.unit_id IS NOT NULL', 'due.deadline', 'due')} THEN due.need ELSE 0 END) AS den,
  sum(CASE WHEN ${PENDING('t.unit_id IS NOT NULL', 'due.deadline', 'due')} THEN due.need ELSE 0 END) AS pending
FROM due LEFT JOIN ${table} t ON t.unit_id = due.id AND t.year = due.y
WHERE due.need > 0
GROUP BY due.bucket`;

/** The first day a pair's first conference may fall on for its deadline to be in the period. */
const WINDOW_START = `date(@from, '-' || @days || ' days')`;
const WINDOW_END = `date(@to, '-' || @days || ' days')`;

/** A document with its own deadline binds every grassroots organisation, studied or not. */
const NOT_OWN = (column: string) => `${column} NOT IN (SELECT document_id FROM document_deadlines)`;
const OWN_DEADLINE_PAIRS = `
      SELECT o.id AS org, dd.document_id, dd.action_plan_due AS deadline
      FROM progress_scope o CROSS JOIN document_deadlines dd
      WHERE o.kind IN (${sqlKinds(REPORT_KINDS.ke_hoach_hanh_dong)}) AND dd.action_plan_due BETWEEN @from AND @to`;

/** Pairs (org, document, deadline) with their deadline in the period → timely plans ÷ pairs that count. */
const SCORE_PAIRS = `
    SELECT o.bucket,
      sum(${COUNTS('p.unit_id IS NOT NULL', 'pairs.deadline', 'o')}) AS den,
      sum(p.issued_on IS NOT NULL AND p.issued_on <= pairs.deadline) AS num,
      sum(${PENDING('p.unit_id IS NOT NULL', 'pairs.deadline', 'o')}) AS pending
    FROM pairs JOIN progress_scope o ON o.id = pairs.org
    LEFT JOIN action_plans p ON p.unit_id = pairs.org AND p.document_id = pairs.document_id
    WHERE ${VALID('o')}
    GROUP BY o.bucket`;

/**
 * Action plans, from the base tables (the reference; progress() reads org_study_firsts instead). `firsts`
 * is each (organisation, document)'s first conference in the window; it is the pair's very first
 * conference unless the organisation studied the document before the window starts (any earlier
 * conference is before the window, as `first` is the window's minimum).
 */
const ACTION_PLANS_BASE = `
    WITH firsts AS MATERIALIZED (
      SELECT s.org, d.document_id, min(r.held_on) AS first
      FROM progress_scope s CROSS JOIN conference_reports r CROSS JOIN conference_report_documents d
      WHERE s.org IS NOT NULL AND r.unit_id = s.id AND d.report_id = r.id
        AND r.held_on BETWEEN ${WINDOW_START} AND ${WINDOW_END}
      GROUP BY s.org, d.document_id
    ),
    pairs AS (
      SELECT f.org, f.document_id, date(f.first, '+' || @days || ' days') AS deadline FROM firsts f
      WHERE ${NOT_OWN('f.document_id')} AND NOT EXISTS (
        SELECT 1 FROM progress_scope c CROSS JOIN conference_reports r CROSS JOIN conference_report_documents d
        WHERE c.org = f.org AND r.unit_id = c.id AND r.held_on < ${WINDOW_START}
          AND d.report_id = r.id AND d.document_id = f.document_id)
      UNION ALL ${OWN_DEADLINE_PAIRS}
    )
    ${SCORE_PAIRS}`;

/** Σ over (unit, document) of min(present over all its sessions, make-up included; eligible) ÷ Σ eligible. */
const MEMBERS_STUDY_BASE = `
    SELECT bucket, sum(min(present, eligible)) AS num, sum(eligible) AS den FROM (
      SELECT s.bucket, sum(r.present) AS present, max(r.eligible) AS eligible
      FROM progress_scope s CROSS JOIN conference_reports r CROSS JOIN conference_report_documents d
      WHERE r.unit_id = s.id AND r.held_on BETWEEN @from AND @to AND d.report_id = r.id
      GROUP BY r.unit_id, d.document_id
    ) GROUP BY bucket`;

export const INDICATOR_SQL: Record<IndicatorKey, string> = {
  // Communes with at least one online or mixed conference (by the commune or a unit below it).
  online_reach: `
    SELECT s.bucket, count(*) AS den, sum(EXISTS (
      SELECT 1 FROM progress_scope c CROSS JOIN conference_reports r
      WHERE c.org = s.id AND r.unit_id = c.id AND r.held_on BETWEEN @from AND @to AND r.form <> 'truc_tiep'
    )) AS num
    FROM progress_scope s WHERE s.kind = 'xa' AND ${VALID('s')}
    GROUP BY s.bucket`,

  // The same as MEMBERS_STUDY_BASE for whole years: pairs held within one year are summed per (unit,
  // year) in conference_years; the few spanning years are summed over the period's years, then capped.
  members_study: `
    WITH parts AS (
      SELECT s.bucket, sum(y.study_num) AS num, sum(y.study_den) AS den
      FROM progress_scope s CROSS JOIN conference_years y
      WHERE y.unit_id = s.id AND y.year BETWEEN @y1 AND @y2
      GROUP BY s.bucket
      UNION ALL
      SELECT bucket, min(present, eligible), eligible FROM (
        SELECT s.bucket, sum(p.present) AS present, max(p.eligible) AS eligible
        FROM progress_scope s CROSS JOIN study_pairs p INDEXED BY study_pairs_multi_year_idx
        WHERE p.unit_id = s.id AND p.pair_years > 1 AND p.year BETWEEN @y1 AND @y2
        GROUP BY p.unit_id, p.document_id)
    )
    SELECT bucket, sum(num) AS num, sum(den) AS den FROM parts GROUP BY bucket`,

  people_aware: `
    SELECT s.bucket, sum(a.aware) AS num, sum(a.surveyed) AS den
    FROM progress_scope s CROSS JOIN awareness_surveys a
    WHERE a.unit_id = s.id AND a.held_on BETWEEN @from AND @to
    GROUP BY s.bucket`,

  reporters_trained: PER_YEAR(
    'reporters',
    'reporter_trainings',
    'trained',
    REPORT_KINDS.tap_huan_bcv,
    '@dl_training',
  ),

  // (organisation, document) pairs whose deadline (first conference + @days) falls in the period,
  // with a plan issued on or before it. A pair is due once: only its very first conference counts,
  // kept per pair over all time in org_study_firsts (exact for any period).
  action_plans: `
    WITH pairs AS (
      SELECT f.org_id AS org, f.document_id, date(f.first_held_on, '+' || @days || ' days') AS deadline
      FROM progress_scope o CROSS JOIN org_study_firsts f
      WHERE o.org = o.id AND f.org_id = o.id AND f.first_held_on BETWEEN ${WINDOW_START} AND ${WINDOW_END}
        AND ${NOT_OWN('f.document_id')}
      UNION ALL ${OWN_DEADLINE_PAIRS}
    )
    ${SCORE_PAIRS}`,

  personal_plans: PER_YEAR(
    'personal_plan_required',
    'personal_plans',
    'with_plan',
    REPORT_KINDS.ke_hoach_ca_nhan,
    '@dl_personal',
  ),

  // Committees (province, district, commune, other grassroots) × {cấp ủy, UBKT}, each year.
  inspection: `
    ${YEARS},
    due AS (
      SELECT s.bucket, s.valid_from, s.valid_to, printf('%04d-', sp.y) || @dl_inspection AS deadline, EXISTS (
        SELECT 1 FROM inspection_programmes i WHERE i.unit_id = s.id AND i.year = sp.y AND i.body = b.body
      ) AS filed
      FROM progress_scope s CROSS JOIN spans sp CROSS JOIN (SELECT 'cap_uy' AS body UNION ALL SELECT 'ubkt') b
      WHERE s.kind IN (${sqlKinds(REPORT_KINDS.kiem_tra_giam_sat)}) AND ${VALID('s', 'sp.ys', 'sp.ye')}
    )
    SELECT bucket, sum(filed) AS num, sum(${COUNTS('filed', 'deadline', 'due')}) AS den,
      sum(${PENDING('filed', 'deadline', 'due')}) AS pending
    FROM due GROUP BY bucket`,
};

const COUNTERS = (conf: string) => `
    WITH conf AS (${conf}),
    communes AS (
      SELECT count(*) AS n, coalesce(sum(${FIGURE('has_loudspeaker', 's', '@to')} = 1), 0) AS loud
      FROM progress_scope s WHERE s.kind IN (${sqlKinds(FIGURE_KINDS.hasLoudspeaker)}) AND ${VALID('s')}),
    awards AS (
      SELECT coalesce(sum(c.collectives), 0) AS collectives, coalesce(sum(c.individuals), 0) AS individuals
      FROM progress_scope s CROSS JOIN commendations c
      WHERE c.unit_id = s.id AND c.awarded_on BETWEEN @from AND @to)
    SELECT conf.n AS conferences, conf.present AS membersPresent, conf.others AS nonMemberAttendances,
      communes.n AS communes, communes.loud AS communesWithLoudspeaker, awards.collectives, awards.individuals
    FROM conf, communes, awards`;

export const COUNTERS_SQL = {
  // Whole years, from conference_years.
  main: COUNTERS(`
      SELECT coalesce(sum(y.conferences), 0) AS n, coalesce(sum(y.present), 0) AS present,
        coalesce(sum(y.non_member_attendances), 0) AS others
      FROM progress_scope s CROSS JOIN conference_years y
      WHERE y.unit_id = s.id AND y.year BETWEEN @y1 AND @y2`),
  bridge: `
    SELECT kind, sum(points) AS points FROM (
      SELECT s.kind, ${FIGURE('bridge_points', 's', '@to')} AS points
      FROM progress_scope s
      WHERE s.kind IN (${sqlKinds(FIGURE_KINDS.bridgePoints)}) AND ${VALID('s')} AND ${HAS_FIGURES}
    ) WHERE points > 0 GROUP BY kind`,
};

/**
 * From the base tables: what the summaries stand for. progress() uses these for a period that is not made
 * of whole years (members_study, counters) and when asked to (tests compare both).
 */
export const BASE_SQL = {
  members_study: MEMBERS_STUDY_BASE,
  action_plans: ACTION_PLANS_BASE,
  counters: COUNTERS(`
      SELECT count(*) AS n, coalesce(sum(r.present), 0) AS present, coalesce(sum(r.non_member_attendances), 0) AS others
      FROM progress_scope s CROSS JOIN conference_reports r
      WHERE r.unit_id = s.id AND r.held_on BETWEEN @from AND @to`),
};
