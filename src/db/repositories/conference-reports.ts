import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { ConferenceReportInput } from '../../forms/conference-report.js';
import type { Db } from '../client.js';
import { preparedPerDb } from '../prepared.js';
import { conferenceReportDocuments, conferenceReports, documents, units } from '../schema.js';
import { inTransaction } from '../tx.js';
import { type Actor, recordAudit } from './audit.js';
import { refreshProgressSummaries } from './progress-summary.js';

export interface SavedConferenceReport extends ConferenceReportInput {
  id: number;
  createdBy: number;
  createdAt: Date;
  unitName: string;
  documentCodes: string[];
}

const ENTITY = 'conference_report';

function columns(r: ConferenceReportInput) {
  const { documentIds: _ignored, ...row } = r;
  return row;
}

const insertReport = preparedPerDb((db) =>
  db
    .insert(conferenceReports)
    .values({
      unitId: sql.placeholder('unitId'),
      heldOn: sql.placeholder('heldOn'),
      form: sql.placeholder('form'),
      bridgePoints: sql.placeholder('bridgePoints'),
      eligible: sql.placeholder('eligible'),
      present: sql.placeholder('present'),
      nonMemberAttendances: sql.placeholder('nonMemberAttendances'),
      makeUp: sql.placeholder('makeUp'),
      reporterPresent: sql.placeholder('reporterPresent'),
      note: sql.placeholder('note'),
      createdBy: sql.placeholder('createdBy'),
      createdAt: sql.placeholder('createdAt'),
    })
    .returning({ id: conferenceReports.id })
    .prepare(),
);

const deleteReportDocuments = preparedPerDb((db) =>
  db
    .delete(conferenceReportDocuments)
    .where(eq(conferenceReportDocuments.reportId, sql.placeholder('reportId')))
    .prepare(),
);

const insertReportDocument = preparedPerDb((db) =>
  db
    .insert(conferenceReportDocuments)
    .values({ reportId: sql.placeholder('reportId'), documentId: sql.placeholder('documentId') })
    .prepare(),
);

function writeDocuments(db: Db, reportId: number, ids: number[]): void {
  deleteReportDocuments(db).run({ reportId });
  const insert = insertReportDocument(db);
  for (const documentId of new Set(ids)) insert.run({ reportId, documentId });
}

export function createConferenceReport(
  db: Db,
  r: ConferenceReportInput,
  actor: Actor & { id: number },
  now: Date,
) {
  return inTransaction(db, () => {
    const c = columns(r);
    const row = insertReport(db).get({
      unitId: c.unitId,
      heldOn: c.heldOn,
      form: c.form,
      bridgePoints: c.bridgePoints,
      eligible: c.eligible,
      present: c.present,
      nonMemberAttendances: c.nonMemberAttendances,
      makeUp: c.makeUp,
      reporterPresent: c.reporterPresent,
      note: c.note,
      createdBy: actor.id,
      createdAt: now,
    });
    if (!row) throw new Error('conference report: insert returned no row');
    writeDocuments(db, row.id, r.documentIds);
    refreshProgressSummaries(db, [r]);
    recordAudit(db, {
      actor,
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      unitId: r.unitId,
      after: r,
      now,
    });
    return row.id;
  });
}

export function getConferenceReport(db: Db, id: number): SavedConferenceReport | null {
  return listWhere(db, [id])[0] ?? null;
}

/** Newest first, by the day held, for the given units. */
export function recentConferenceReports(db: Db, unitIds: number[], limit: number): SavedConferenceReport[] {
  if (unitIds.length === 0) return [];
  const ids = db
    .select({ id: conferenceReports.id })
    .from(conferenceReports)
    .where(inArray(conferenceReports.unitId, unitIds))
    .orderBy(desc(conferenceReports.heldOn), desc(conferenceReports.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
  return listWhere(db, ids);
}

/** One report (what getConferenceReport reads after every save): the same queries as listWhere's, for one id. */
const oneReport = preparedPerDb((db) =>
  db
    .select({ report: conferenceReports, unitName: units.name })
    .from(conferenceReports)
    .innerJoin(units, eq(units.id, conferenceReports.unitId))
    .where(eq(conferenceReports.id, sql.placeholder('id')))
    .prepare(),
);

const oneReportDocuments = preparedPerDb((db) =>
  db
    .select({ reportId: conferenceReportDocuments.reportId, id: documents.id, code: documents.code })
    .from(conferenceReportDocuments)
    .innerJoin(documents, eq(documents.id, conferenceReportDocuments.documentId))
    .where(eq(conferenceReportDocuments.reportId, sql.placeholder('id')))
    .orderBy(documents.issuedOn)
    .prepare(),
);

function listWhere(db: Db, ids: number[]): SavedConferenceReport[] {
  if (ids.length === 0) return [];
  const one = ids.length === 1 ? { id: ids[0] } : null;
  const rows = one
    ? oneReport(db).all(one)
    : db
        .select({ report: conferenceReports, unitName: units.name })
        .from(conferenceReports)
        .innerJoin(units, eq(units.id, conferenceReports.unitId))
        .where(inArray(conferenceReports.id, ids))
        .all();
  const docs = one
    ? oneReportDocuments(db).all(one)
    : db
        .select({ reportId: conferenceReportDocuments.reportId, id: documents.id, code: documents.code })
        .from(conferenceReportDocuments)
        .innerJoin(documents, eq(documents.id, conferenceReportDocuments.documentId))
        .where(inArray(conferenceReportDocuments.reportId, ids))
        .orderBy(documents.issuedOn)
        .all();
  const byId = new Map(
    rows.map(({ report: r, unitName }) => {
      const mine = docs.filter((d) => d.reportId === r.id);
      const { updatedAt: _u, ...rest } = r;
      return [
        r.id,
        { ...rest, unitName, documentIds: mine.map((d) => d.id), documentCodes: mine.map((d) => d.code) },
      ];
    }),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A (unit, document) pair's attendance as indicator 2 counts it: every session, make-up included. */
export interface PairAttendance {
  documentCode: string;
  /** Σ present over the pair's sessions, capped at `eligible`. */
  present: number;
  /** The largest eligible count reported for the pair. */
  eligible: number;
}

/**
 * The running total of a unit's sessions on each of the documents, over all time: Σ present capped at the largest
 * eligible, the formula of indicator 2 (docs/domain.md, "Indicators"; progress-sql.ts MEMBERS_STUDY_BASE). In issue order.
 */
export function pairAttendance(db: Db, unitId: number, documentIds: readonly number[]): PairAttendance[] {
  if (documentIds.length === 0) return [];
  return db.$client
    .prepare(
      `SELECT doc.code AS documentCode, min(sum(r.present), max(r.eligible)) AS present, max(r.eligible) AS eligible
       FROM conference_reports r
       CROSS JOIN conference_report_documents d ON d.report_id = r.id
       JOIN documents doc ON doc.id = d.document_id
       WHERE r.unit_id = ? AND d.document_id IN (SELECT value FROM json_each(?))
       GROUP BY d.document_id ORDER BY doc.issued_on, doc.id`,
    )
    .all(unitId, JSON.stringify(documentIds)) as PairAttendance[];
}

export function updateConferenceReport(
  db: Db,
  id: number,
  r: ConferenceReportInput,
  actor: Actor,
  now: Date,
): boolean {
  return inTransaction(db, () => {
    const before = getConferenceReport(db, id);
    if (!before) return false;
    db.update(conferenceReports)
      .set({ ...columns(r), updatedAt: now })
      .where(eq(conferenceReports.id, id))
      .run();
    writeDocuments(db, id, r.documentIds);
    // Unit, day and documents may all change: what the report counted for before and what it counts for now.
    refreshProgressSummaries(db, [before, r]);
    recordAudit(db, {
      actor,
      action: 'update',
      entity: ENTITY,
      entityId: id,
      unitId: r.unitId,
      before,
      after: r,
      now,
    });
    return true;
  });
}

export function deleteConferenceReport(db: Db, id: number, actor: Actor, now: Date): boolean {
  return inTransaction(db, () => {
    const before = getConferenceReport(db, id);
    if (!before) return false;
    db.delete(conferenceReports).where(eq(conferenceReports.id, id)).run();
    refreshProgressSummaries(db, [before]);
    recordAudit(db, {
      actor,
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      unitId: before.unitId,
      before,
      now,
    });
    return true;
  });
}
