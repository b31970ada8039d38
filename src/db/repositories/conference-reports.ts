import { desc, eq, inArray } from 'drizzle-orm';
import type { ConferenceReportInput } from '../../forms/conference-report.js';
import type { Db } from '../client.js';
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

function writeDocuments(db: Db, reportId: number, ids: number[]): void {
  db.delete(conferenceReportDocuments).where(eq(conferenceReportDocuments.reportId, reportId)).run();
  for (const documentId of new Set(ids))
    db.insert(conferenceReportDocuments).values({ reportId, documentId }).run();
}

export function createConferenceReport(
  db: Db,
  r: ConferenceReportInput,
  actor: Actor & { id: number },
  now: Date,
) {
  return inTransaction(db, () => {
    const row = db
      .insert(conferenceReports)
      .values({ ...columns(r), createdBy: actor.id, createdAt: now })
      .returning({ id: conferenceReports.id })
      .get();
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

function listWhere(db: Db, ids: number[]): SavedConferenceReport[] {
  if (ids.length === 0) return [];
  const rows = db
    .select({ report: conferenceReports, unitName: units.name })
    .from(conferenceReports)
    .innerJoin(units, eq(units.id, conferenceReports.unitId))
    .where(inArray(conferenceReports.id, ids))
    .all();
  const docs = db
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
