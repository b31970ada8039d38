import type Database from 'better-sqlite3';
import type { ConferenceReportInput } from '../../forms/conference-report.js';
import type { Db } from '../client.js';
import { awarenessSurveys, commendations } from '../schema.js';
import type { Actor } from './audit.js';
import { filedRepository, type SaveOutcome } from './filed.js';
import type { AwarenessSurveyInput, CommendationsInput } from './filed-reports.js';

/*
 * The writes of an import of past reports (src/imports/report-import.ts): each row lands on its natural key
 * (docs/domain.md, "Importing past reports"), so importing the same file again corrects rows instead of adding
 * them. No row has an audit entry of its own: the import records one for the whole file. The caller refreshes
 * the progress summaries once, after the last row.
 */

/** A survey or a commendation filed in the chat is a new row each time; imported, it is keyed by its day. */
export const { write: writeSurveyByDay } = filedRepository<typeof awarenessSurveys, AwarenessSurveyInput>(
  awarenessSurveys,
  'awareness_survey',
  ['unitId', 'heldOn'],
  awarenessSurveys.heldOn,
);

export const { write: writeCommendationsByDay } = filedRepository<typeof commendations, CommendationsInput>(
  commendations,
  'commendation',
  ['unitId', 'awardedOn'],
  commendations.awardedOn,
);

interface Statements {
  sameDay: Database.Statement;
  documentsOf: Database.Statement;
  insert: Database.Statement;
  update: Database.Statement;
  addDocument: Database.Statement;
}

const cache = new WeakMap<Database.Database, Statements>();

function statements(c: Database.Database): Statements {
  let st = cache.get(c);
  if (!st) {
    st = {
      // Driven by (unit, day), then one document of the key: a file of many conferences a day stays cheap.
      sameDay: c.prepare(
        `SELECT r.id, r.form, r.bridge_points AS bridgePoints, r.eligible, r.present,
                r.non_member_attendances AS nonMemberAttendances, r.make_up AS makeUp,
                r.reporter_present AS reporterPresent, r.note
         FROM conference_reports r
         JOIN conference_report_documents d ON d.report_id = r.id AND d.document_id = ?
         WHERE r.unit_id = ? AND r.held_on = ?`,
      ),
      documentsOf: c
        .prepare(
          'SELECT document_id FROM conference_report_documents WHERE report_id = ? ORDER BY document_id',
        )
        .pluck(),
      insert: c.prepare(
        `INSERT INTO conference_reports (unit_id, held_on, form, bridge_points, eligible, present,
           non_member_attendances, make_up, reporter_present, note, created_by, created_at)
         VALUES (@unitId, @heldOn, @form, @bridgePoints, @eligible, @present, @nonMemberAttendances, @makeUp,
           @reporterPresent, @note, @createdBy, @at)`,
      ),
      update: c.prepare(
        `UPDATE conference_reports SET form = @form, bridge_points = @bridgePoints, eligible = @eligible,
           present = @present, non_member_attendances = @nonMemberAttendances, make_up = @makeUp,
           reporter_present = @reporterPresent, note = @note, updated_at = @at WHERE id = @id`,
      ),
      addDocument: c.prepare(
        'INSERT INTO conference_report_documents (report_id, document_id) VALUES (?, ?)',
      ),
    };
    cache.set(c, st);
  }
  return st;
}

interface SavedColumns {
  id: number;
  form: string;
  bridgePoints: number;
  eligible: number;
  present: number;
  nonMemberAttendances: number;
  makeUp: number;
  reporterPresent: number;
  note: string | null;
}

const sameColumns = (old: SavedColumns, r: ConferenceReportInput) =>
  old.form === r.form &&
  old.bridgePoints === r.bridgePoints &&
  old.eligible === r.eligible &&
  old.present === r.present &&
  old.nonMemberAttendances === r.nonMemberAttendances &&
  old.makeUp === Number(r.makeUp) &&
  old.reporterPresent === Number(r.reporterPresent) &&
  old.note === r.note;

/**
 * A conference by its natural key, the unit, the day and the documents studied: a new one is added, the same
 * key again corrects the saved report. The caller refreshes the summaries (refreshProgressSummaries).
 */
export function writeConferenceByKey(db: Db, r: ConferenceReportInput, actor: Actor, now: Date): SaveOutcome {
  const st = statements(db.$client);
  const ids = [...new Set(r.documentIds)].sort((a, b) => a - b);
  const key = ids.join(',');
  const candidates = st.sameDay.all(ids[0], r.unitId, r.heldOn) as SavedColumns[];
  const old = candidates.find((o) => (st.documentsOf.all(o.id) as number[]).join(',') === key);
  const row = {
    form: r.form,
    bridgePoints: r.bridgePoints,
    eligible: r.eligible,
    present: r.present,
    nonMemberAttendances: r.nonMemberAttendances,
    makeUp: Number(r.makeUp),
    reporterPresent: Number(r.reporterPresent),
    note: r.note,
    at: now.getTime(),
  };
  if (old) {
    // Same unit, day and documents: the documents stay as they are.
    if (sameColumns(old, r)) return 'unchanged';
    st.update.run({ ...row, id: old.id });
    return 'updated';
  }
  const { lastInsertRowid } = st.insert.run({
    ...row,
    unitId: r.unitId,
    heldOn: r.heldOn,
    createdBy: actor.id ?? 0,
  });
  for (const d of ids) st.addDocument.run(lastInsertRowid, d);
  return 'created';
}
