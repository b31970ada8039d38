import type { FiguresRow } from '../../domain/import-tables.js';
import type { Db } from '../client.js';
import type { ConferenceForm, InspectionBody } from '../schema.js';
import { inTransaction } from '../tx.js';

/*
 * Every report filed in a scope (units and their subtrees, valid or not: a merged unit's history is
 * in its own tree) and a period, one row per report, for the Excel export. Dates are ISO days.
 */

export interface ExportQuery {
  rootIds: number[];
  /** ISO dates, inclusive; year-keyed reports (plans, programmes, training) count by their year. */
  from: string;
  to: string;
}

interface UnitCols {
  unitCode: string;
  unitName: string;
}

export interface ConferenceRow extends UnitCols {
  heldOn: string;
  /** Codes, in the order of the documents' dates: `05-CT/TW, 35-NQ/TW`. */
  documents: string;
  form: ConferenceForm;
  bridgePoints: number;
  eligible: number;
  present: number;
  nonMemberAttendances: number;
  makeUp: boolean;
  reporterPresent: boolean;
  note: string | null;
}
export interface ActionPlanRow extends UnitCols {
  documentCode: string;
  documentIssuedOn: string;
  issuedOn: string;
}
export interface PersonalPlansRow extends UnitCols {
  year: number;
  withPlan: number;
}
export interface InspectionRow extends UnitCols {
  year: number;
  body: InspectionBody;
  approvedOn: string;
}
export interface TrainingRow extends UnitCols {
  year: number;
  heldOn: string;
  trained: number;
}
export interface SurveyRow extends UnitCols {
  heldOn: string;
  surveyed: number;
  aware: number;
}
export interface CommendationRow extends UnitCols {
  awardedOn: string;
  collectives: number;
  individuals: number;
  note: string | null;
}

export interface ExportRows {
  conferences: ConferenceRow[];
  actionPlans: ActionPlanRow[];
  personalPlans: PersonalPlansRow[];
  inspections: InspectionRow[];
  trainings: TrainingRow[];
  surveys: SurveyRow[];
  commendations: CommendationRow[];
  /** The columns of the figures import (domain/import-tables.ts), with the unit's name. */
  figures: (FiguresRow & UnitCols)[];
}

const SCOPE = `WITH RECURSIVE scope(id) AS (
    SELECT value FROM json_each(@roots)
    UNION SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.id)`;
const UNIT = 'u.code AS unitCode, u.name AS unitName';
const IN_SCOPE = 'JOIN units u ON u.id = t.unit_id WHERE t.unit_id IN (SELECT id FROM scope)';
const DATED = (column: string) => `${IN_SCOPE} AND t.${column} BETWEEN @from AND @to`;
const YEARS = `${IN_SCOPE} AND t.year BETWEEN @y1 AND @y2`;

const SQL = {
  conferences: `${SCOPE}
    SELECT ${UNIT}, t.held_on AS heldOn, t.form, t.bridge_points AS bridgePoints, t.eligible, t.present,
      t.non_member_attendances AS nonMemberAttendances, t.make_up AS makeUp,
      t.reporter_present AS reporterPresent, t.note,
      (SELECT group_concat(code, ', ') FROM (
         SELECT d.code FROM conference_report_documents crd JOIN documents d ON d.id = crd.document_id
         WHERE crd.report_id = t.id ORDER BY d.issued_on, d.code)) AS documents
    FROM conference_reports t ${DATED('held_on')} ORDER BY t.held_on, u.name, t.id`,
  actionPlans: `${SCOPE}
    SELECT ${UNIT}, d.code AS documentCode, d.issued_on AS documentIssuedOn, t.issued_on AS issuedOn
    FROM action_plans t JOIN documents d ON d.id = t.document_id ${DATED('issued_on')}
    ORDER BY t.issued_on, u.name, t.id`,
  personalPlans: `${SCOPE}
    SELECT ${UNIT}, t.year, t.with_plan AS withPlan FROM personal_plans t ${YEARS} ORDER BY t.year, u.name`,
  inspections: `${SCOPE}
    SELECT ${UNIT}, t.year, t.body, t.approved_on AS approvedOn FROM inspection_programmes t ${YEARS}
    ORDER BY t.year, u.name, t.body`,
  trainings: `${SCOPE}
    SELECT ${UNIT}, t.year, t.held_on AS heldOn, t.trained FROM reporter_trainings t ${YEARS}
    ORDER BY t.year, u.name`,
  surveys: `${SCOPE}
    SELECT ${UNIT}, t.held_on AS heldOn, t.surveyed, t.aware FROM awareness_surveys t ${DATED('held_on')}
    ORDER BY t.held_on, u.name, t.id`,
  commendations: `${SCOPE}
    SELECT ${UNIT}, t.awarded_on AS awardedOn, t.collectives, t.individuals, t.note
    FROM commendations t ${DATED('awarded_on')} ORDER BY t.awarded_on, u.name, t.id`,
  // Figures dated in the period, and those in force when it starts (the latest before it).
  figures: `${SCOPE}
    SELECT ${UNIT}, t.as_of AS asOf, t.party_members AS partyMembers, t.exempt_members AS exemptMembers,
      t.reporters, t.personal_plan_required AS personalPlanRequired, t.has_loudspeaker AS hasLoudspeaker,
      t.bridge_points AS bridgePoints
    FROM unit_figures t ${IN_SCOPE} AND t.as_of <= @to AND (t.as_of >= @from OR t.as_of = (
      SELECT max(f.as_of) FROM unit_figures f WHERE f.unit_id = t.unit_id AND f.as_of < @from))
    ORDER BY u.name, t.as_of`,
} satisfies Record<keyof ExportRows, string>;

const BOOLEANS: Partial<Record<keyof ExportRows, string[]>> = {
  conferences: ['makeUp', 'reporterPresent'],
  figures: ['hasLoudspeaker'],
};

export function exportRows(db: Db, q: ExportQuery): ExportRows {
  const params = {
    roots: JSON.stringify(q.rootIds),
    from: q.from,
    to: q.to,
    y1: Number(q.from.slice(0, 4)),
    y2: Number(q.to.slice(0, 4)),
  };
  const read = (key: keyof ExportRows) => {
    const rows = db.$client.prepare(SQL[key]).all(params) as Record<string, unknown>[];
    for (const flag of BOOLEANS[key] ?? []) for (const r of rows) r[flag] = r[flag] === 1;
    return rows;
  };
  const keys = Object.keys(SQL) as (keyof ExportRows)[];
  return inTransaction(db, () => Object.fromEntries(keys.map((k) => [k, read(k)])) as unknown as ExportRows);
}

/** Units with no parent valid at some time in the period: every tree an export of everything covers. */
export function topUnitIdsValidIn(db: Db, from: string, to: string): number[] {
  const rows = db.$client
    .prepare(
      `SELECT id FROM units WHERE parent_id IS NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
       ORDER BY valid_from, name`,
    )
    .all(to, from) as { id: number }[];
  return rows.map((r) => r.id);
}
