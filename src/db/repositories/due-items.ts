import type Database from 'better-sqlite3';
import { type DeadlineRules, itemKey } from '../../domain/deadlines.js';
import { dueEntries, type Missing } from '../../domain/reminders.js';
import { REPORT_KINDS, sqlKinds } from '../../domain/report-kinds.js';
import { addDaysIso } from '../../domain/vn.js';
import type { Db } from '../client.js';
import { inTransaction } from '../tx.js';
import { deadlineRules } from './deadline-settings.js';
import { ensureOrgStudyFirsts } from './progress-summary.js';
import { getSetting, setSetting } from './settings.js';
import { waivedKeys } from './waivers.js';

/*
 * The facts due items are made of, for the units valid on a day (all of them, or the subtrees of some
 * roots): what is still missing — no inspection programme, no personal-plan count, no reporter training for a
 * year since reminders began (an item stays overdue until filed, waived or its unit closes: docs/domain.md,
 * "Deadlines and reminders"); no action plan for a document the organisation studied (or whose own deadline
 * applies). Only the kinds that can file a report are asked for it (src/domain/report-kinds.ts), and a unit
 * owes an annual item only if it existed on its deadline. Deadlines and stages are the domain's
 * (src/domain/deadlines.ts).
 */

export interface UnitFact {
  unitId: number;
  name: string;
  kind: string;
  parentId: number | null;
}

/** What is missing (the domain's shape) and the units it is about. */
export interface MissingFacts extends Missing {
  units: Map<number, UnitFact>;
}

const SCOPE = `
INSERT INTO due_scope (id, org, kind, name, parent_id, valid_from)
WITH RECURSIVE s(id, org, kind, name, parent_id) AS (
  SELECT id, CASE WHEN kind IN ('xa', 'co_so') THEN id END, kind, name, parent_id FROM units
  WHERE (@roots IS NULL AND parent_id IS NULL) OR id IN (SELECT value FROM json_each(coalesce(@roots, '[]')))
  UNION ALL
  SELECT u.id, CASE WHEN u.kind IN ('xa', 'co_so') THEN u.id ELSE s.org END, u.kind, u.name, u.parent_id
  FROM units u JOIN s ON u.parent_id = s.id
)
SELECT s.id, s.org, s.kind, s.name, s.parent_id, u.valid_from FROM s JOIN units u ON u.id = s.id
WHERE u.valid_from <= @today AND (u.valid_to IS NULL OR u.valid_to >= @today)
ON CONFLICT (id) DO NOTHING`;

const FIGURE = (column: string) =>
  `(SELECT f.${column} FROM unit_figures f WHERE f.unit_id = s.id AND f.as_of <= @today ORDER BY f.as_of DESC LIMIT 1)`;

/** The years since reminders began. */
const YEARS = `
    WITH RECURSIVE years(y) AS (SELECT @since_year UNION ALL SELECT y + 1 FROM years WHERE y < @year)`;
/** The unit existed on the year's deadline (`MM-DD`): a unit made later owes nothing for that year. */
const OWED = (monthDay: string) => `s.valid_from <= printf('%04d-', years.y) || ${monthDay}`;

const SQL = {
  units: 'SELECT id AS unitId, name, kind, parent_id AS parentId FROM due_scope',
  inspection: `${YEARS}
    SELECT s.id AS unitId, b.body, years.y AS year
    FROM due_scope s CROSS JOIN years CROSS JOIN (SELECT 'cap_uy' AS body UNION ALL SELECT 'ubkt') b
    WHERE s.kind IN (${sqlKinds(REPORT_KINDS.kiem_tra_giam_sat)}) AND ${OWED('@dl_inspection')} AND NOT EXISTS (
      SELECT 1 FROM inspection_programmes i WHERE i.unit_id = s.id AND i.year = years.y AND i.body = b.body)`,
  personalPlans: `${YEARS}
    SELECT s.id AS unitId, years.y AS year FROM due_scope s CROSS JOIN years
    WHERE s.kind IN (${sqlKinds(REPORT_KINDS.ke_hoach_ca_nhan)}) AND ${FIGURE('personal_plan_required')} > 0
      AND ${OWED('@dl_personal')}
      AND NOT EXISTS (SELECT 1 FROM personal_plans p WHERE p.unit_id = s.id AND p.year = years.y)`,
  reporterTraining: `${YEARS}
    SELECT s.id AS unitId, years.y AS year FROM due_scope s CROSS JOIN years
    WHERE s.kind IN (${sqlKinds(REPORT_KINDS.tap_huan_bcv)}) AND ${FIGURE('reporters')} > 0
      AND ${OWED('@dl_training')}
      AND NOT EXISTS (SELECT 1 FROM reporter_trainings t WHERE t.unit_id = s.id AND t.year = years.y)`,
  // First studied in the look-back window (org_study_firsts keeps each pair's very first conference),
  // or bound by the document's own deadline.
  actionPlans: `
    WITH pairs AS (
      SELECT f.org_id AS org, f.document_id, f.first_held_on AS first
      FROM due_scope s CROSS JOIN org_study_firsts f
      WHERE s.org = s.id AND f.org_id = s.id AND f.first_held_on BETWEEN @since AND @today
        AND f.document_id NOT IN (SELECT document_id FROM document_deadlines)
      UNION ALL
      SELECT s.id, dd.document_id, NULL FROM due_scope s CROSS JOIN document_deadlines dd
      WHERE s.kind IN (${sqlKinds(REPORT_KINDS.ke_hoach_hanh_dong)}) AND dd.action_plan_due BETWEEN @since AND @horizon
    )
    SELECT p.org AS unitId, p.document_id AS documentId, doc.code, p.first, dd.action_plan_due AS due
    FROM pairs p JOIN documents doc ON doc.id = p.document_id
    LEFT JOIN document_deadlines dd ON dd.document_id = p.document_id
    WHERE NOT EXISTS (SELECT 1 FROM action_plans a WHERE a.unit_id = p.org AND a.document_id = p.document_id)`,
};

type Statements = Record<keyof typeof SQL | 'scope' | 'clear', Database.Statement>;
const cache = new WeakMap<Database.Database, Statements>();

function statements(client: Database.Database): Statements {
  const hit = cache.get(client);
  if (hit) return hit;
  client.exec(`CREATE TEMP TABLE IF NOT EXISTS due_scope (
      id INTEGER PRIMARY KEY, org INTEGER, kind TEXT NOT NULL, name TEXT NOT NULL, parent_id INTEGER,
      valid_from TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS temp.due_scope_org ON due_scope(org);`);
  const made = Object.fromEntries(
    Object.entries({ ...SQL, scope: SCOPE, clear: 'DELETE FROM due_scope' }).map(([k, sql]) => [
      k,
      client.prepare(sql),
    ]),
  ) as Statements;
  cache.set(client, made);
  return made;
}

export interface MissingQuery {
  /** ISO day the sweep is for. */
  today: string;
  /** Studied on or after this day (the look-back for action plans). */
  since: string;
  /** Document deadlines up to this day are included (a week ahead of today for the first reminder). */
  horizon: string;
  /** Null: every tree. */
  rootIds: number[] | null;
  /** Annual items are owed from this year on (dueSinceYear). */
  sinceYear: number;
  /** The annual deadlines, `MM-DD`. */
  annual: Pick<DeadlineRules, 'inspection' | 'personalPlans' | 'reporterTraining'>;
}

export function missingFacts(db: Db, q: MissingQuery): MissingFacts {
  const st = statements(db.$client);
  const p = {
    today: q.today,
    since: q.since,
    horizon: q.horizon,
    year: Number(q.today.slice(0, 4)),
    since_year: q.sinceYear,
    dl_inspection: q.annual.inspection,
    dl_personal: q.annual.personalPlans,
    dl_training: q.annual.reporterTraining,
  };
  ensureOrgStudyFirsts(db);
  return inTransaction(db, () => {
    st.clear.run();
    st.scope.run({ today: q.today, roots: q.rootIds ? JSON.stringify(q.rootIds) : null });
    const facts: MissingFacts = {
      units: new Map((st.units.all() as UnitFact[]).map((u) => [u.unitId, u])),
      inspection: st.inspection.all(p) as MissingFacts['inspection'],
      personalPlans: st.personalPlans.all(p) as MissingFacts['personalPlans'],
      reporterTraining: st.reporterTraining.all(p) as MissingFacts['reporterTraining'],
      actionPlans: st.actionPlans.all(p) as MissingFacts['actionPlans'],
    };
    st.clear.run();
    return facts;
  });
}

/**
 * The year annual items are owed from: set by an administrator (`deadline tunam`), else the year reminders were
 * first asked for on this database (stored then), so an office that starts in 2026 is not asked for 2017.
 */
function dueSinceYear(db: Db, today: string): number {
  const stored = getSetting(db, DUE_SINCE_KEY);
  if (stored && /^\d{4}$/.test(stored)) return Number(stored);
  const year = today.slice(0, 4);
  setSetting(db, DUE_SINCE_KEY, year);
  return Number(year);
}

export const DUE_SINCE_KEY = 'due_since_year';

/** Every item due (or coming due by `horizon`) in the scope, waived ones left out, with the units they are of. */
export function dueItems(db: Db, q: { today: string; horizon: string; rootIds: number[] | null }) {
  const rules = deadlineRules(db);
  const sinceYear = dueSinceYear(db, q.today);
  const facts = missingFacts(db, {
    ...q,
    since: addDaysIso(`${sinceYear}-01-01`, -rules.actionPlanDays),
    sinceYear,
    annual: rules,
  });
  const waived = waivedKeys(db);
  return {
    entries: dueEntries(facts, rules).filter((e) => !waived.has(itemKey(e.item))),
    units: facts.units,
  };
}
