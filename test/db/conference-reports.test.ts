import { describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/db/repositories/audit.js';
import {
  createConferenceReport,
  deleteConferenceReport,
  getConferenceReport,
  pairAttendance,
  recentConferenceReports,
  updateConferenceReport,
} from '../../src/db/repositories/conference-reports.js';
import { upsertUser } from '../../src/db/repositories/members.js';
import type { ConferenceReportInput } from '../../src/forms/conference-report.js';
import { testDb } from '../helpers/test-db.js';
import { seed } from '../helpers/world.js';

const NOW = new Date('2026-11-28T03:00:00Z');
const actor = { id: 42, label: 'lan' };

function setup() {
  const w = seed(testDb(), NOW);
  upsertUser(w.db, { id: 42, firstName: 'Lan' });
  const report = (over: Partial<ConferenceReportInput> = {}): ConferenceReportInput => ({
    unitId: w.unitId('XA_THANHMAI'),
    heldOn: '2026-11-20',
    documentIds: [1],
    form: 'truc_tiep',
    bridgePoints: 0,
    eligible: 126,
    present: 120,
    nonMemberAttendances: 30,
    makeUp: false,
    reporterPresent: true,
    note: null,
    ...over,
  });
  return { ...w, report };
}

describe('conference reports', () => {
  it('saves a report with its documents and audits the creation', () => {
    const { db, report } = setup();
    const id = createConferenceReport(db, report({ documentIds: [2, 1, 2] }), actor, NOW);
    const saved = getConferenceReport(db, id);
    expect(saved).toMatchObject({
      id,
      unitName: 'Đảng ủy xã Thanh Mai',
      present: 120,
      documentCodes: ['35-NQ/TW', '57-NQ/TW'],
      createdBy: 42,
      createdAt: NOW,
    });
    const trail = auditTrail(db, 'conference_report', id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'create', actorId: 42, before: null });
    expect(JSON.parse(trail[0]?.after ?? '{}')).toMatchObject({ present: 120 });
  });

  it('refuses more present than eligible at the database too, and keeps nothing of it', () => {
    const { db, report } = setup();
    expect(() => createConferenceReport(db, report({ present: 127 }), actor, NOW)).toThrow(
      /CHECK constraint/,
    );
    expect(recentConferenceReports(db, [1, 2, 3, 4], 10)).toEqual([]);
    expect(auditTrail(db, 'conference_report', 1)).toEqual([]);
  });

  it('rolls back the whole report when a document does not exist', () => {
    const { db, report, unitId } = setup();
    expect(() => createConferenceReport(db, report({ documentIds: [1, 999] }), actor, NOW)).toThrow();
    expect(recentConferenceReports(db, [unitId('XA_THANHMAI')], 10)).toEqual([]);
  });

  it('lists the newest meetings first, only for the units asked', () => {
    const { db, report, unitId } = setup();
    const a = createConferenceReport(db, report({ heldOn: '2026-10-01' }), actor, NOW);
    const b = createConferenceReport(db, report({ heldOn: '2026-11-01' }), actor, NOW);
    createConferenceReport(db, report({ unitId: unitId('XA_TANKY'), eligible: 50, present: 50 }), actor, NOW);
    const list = recentConferenceReports(db, [unitId('XA_THANHMAI')], 10);
    expect(list.map((r) => r.id)).toEqual([b, a]);
    expect(recentConferenceReports(db, [unitId('XA_THANHMAI')], 1).map((r) => r.id)).toEqual([b]);
  });

  it('updates and deletes with before → after in the audit log', () => {
    const { db, report } = setup();
    const id = createConferenceReport(db, report(), actor, NOW);
    expect(updateConferenceReport(db, id, report({ present: 110, documentIds: [2] }), actor, NOW)).toBe(true);
    expect(getConferenceReport(db, id)).toMatchObject({ present: 110, documentCodes: ['57-NQ/TW'] });
    expect(deleteConferenceReport(db, id, actor, NOW)).toBe(true);
    expect(getConferenceReport(db, id)).toBeNull();
    expect(deleteConferenceReport(db, id, actor, NOW)).toBe(false);
    const trail = auditTrail(db, 'conference_report', id);
    expect(trail.map((t) => t.action)).toEqual(['delete', 'update', 'create']);
    expect(JSON.parse(trail[1]?.before ?? '{}')).toMatchObject({ present: 120 });
    expect(JSON.parse(trail[1]?.after ?? '{}')).toMatchObject({ present: 110 });
    expect(JSON.parse(trail[0]?.before ?? '{}')).toMatchObject({ present: 110 });
  });

  it('sums a unit’s sessions on each document, make-up included, capped at the eligible (indicator 2)', () => {
    const { db, report, unitId } = setup();
    const other = unitId('XA_TANKY');
    createConferenceReport(db, report({ present: 100, documentIds: [1, 2] }), actor, NOW);
    createConferenceReport(db, report({ heldOn: '2026-11-25', present: 20, makeUp: true }), actor, NOW);
    createConferenceReport(db, report({ heldOn: '2026-11-26', present: 30, makeUp: true }), actor, NOW);
    createConferenceReport(db, report({ unitId: other, present: 50, documentIds: [1] }), actor, NOW);
    expect(pairAttendance(db, unitId('XA_THANHMAI'), [1, 2])).toEqual([
      { documentCode: '35-NQ/TW', present: 126, eligible: 126 },
      { documentCode: '57-NQ/TW', present: 100, eligible: 126 },
    ]);
    expect(pairAttendance(db, other, [1])).toEqual([
      { documentCode: '35-NQ/TW', present: 50, eligible: 126 },
    ]);
    expect(pairAttendance(db, other, [])).toEqual([]);
  });
});
