import { describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/db/repositories/audit.js';
import { actionPlanDue } from '../../src/db/repositories/deadline-settings.js';
import { recentDocuments } from '../../src/db/repositories/documents.js';
import { latestFigures, recentFigures, saveFigures } from '../../src/db/repositories/figures.js';
import {
  getActionPlan,
  recentAwarenessSurveys,
  recentCommendations,
  recentInspectionProgrammes,
  recentPersonalPlans,
  recentReporterTrainings,
  saveActionPlan,
  saveAwarenessSurvey,
  saveCommendations,
  saveInspectionProgramme,
  savePersonalPlans,
  saveReporterTraining,
} from '../../src/db/repositories/filed-reports.js';
import { World } from '../helpers/progress-fixture.js';
import { testDb } from '../helpers/test-db.js';
import { seed } from '../helpers/world.js';

const NOW = new Date('2026-11-28T03:00:00Z');
const LATER = new Date('2026-11-29T03:00:00Z');
const actor = { id: 42, label: 'lan' };

function setup() {
  const w = seed(testDb(), NOW);
  const doc = recentDocuments(w.db, 1)[0]?.id ?? 0;
  return { ...w, tm: w.unitId('XA_THANHMAI'), tk: w.unitId('XA_TANKY'), doc };
}

describe('filed reports with a natural key', () => {
  it('create, then correct the same key in place, audited; an identical save changes nothing', () => {
    const { db, tm, doc } = setup();
    const first = saveActionPlan(db, { unitId: tm, documentId: doc, issuedOn: '2026-02-01' }, actor, NOW);
    expect(first.outcome).toBe('created');
    expect(first.row).toMatchObject({ unitId: tm, documentId: doc, issuedOn: '2026-02-01', createdBy: 42 });
    const again = saveActionPlan(db, { unitId: tm, documentId: doc, issuedOn: '2026-02-03' }, actor, LATER);
    expect(again.outcome).toBe('updated');
    expect(again.row.id).toBe(first.row.id);
    expect(getActionPlan(db, first.row.id)).toMatchObject({ issuedOn: '2026-02-03', updatedAt: LATER });
    const same = saveActionPlan(db, { unitId: tm, documentId: doc, issuedOn: '2026-02-03' }, actor, LATER);
    expect(same.outcome).toBe('unchanged');
    const trail = auditTrail(db, 'action_plan', first.row.id);
    expect(trail.map((a) => a.action)).toEqual(['update', 'create']);
    expect(JSON.parse(trail[0]?.before ?? '{}')).toMatchObject({ issuedOn: '2026-02-01' });
    expect(getActionPlan(db, 999)).toBeNull();
  });

  it('keeps the committee’s and the UBKT’s programmes of a year apart', () => {
    const { db, tm, tk } = setup();
    const p = (body: 'cap_uy' | 'ubkt', approvedOn: string) =>
      saveInspectionProgramme(db, { unitId: tm, year: 2026, body, approvedOn }, actor, NOW);
    p('cap_uy', '2026-01-10');
    p('ubkt', '2026-01-15');
    expect(p('ubkt', '2026-01-20').outcome).toBe('updated');
    const rows = recentInspectionProgrammes(db, [tm, tk], 10);
    expect(rows.map((r) => [r.body, r.approvedOn]).sort()).toEqual([
      ['cap_uy', '2026-01-10'],
      ['ubkt', '2026-01-20'],
    ]);
    expect(recentInspectionProgrammes(db, [tk], 10)).toEqual([]);
    expect(recentInspectionProgrammes(db, [], 10)).toEqual([]);
  });

  it('one personal-plans and one training row per unit and year, newest year first', () => {
    const { db, tm } = setup();
    savePersonalPlans(db, { unitId: tm, year: 2025, withPlan: 15 }, actor, NOW);
    savePersonalPlans(db, { unitId: tm, year: 2026, withPlan: 18 }, actor, NOW);
    savePersonalPlans(db, { unitId: tm, year: 2026, withPlan: 19 }, actor, NOW);
    expect(recentPersonalPlans(db, [tm], 10).map((r) => [r.year, r.withPlan])).toEqual([
      [2026, 19],
      [2025, 15],
    ]);
    saveReporterTraining(db, { unitId: tm, year: 2026, heldOn: '2026-05-03', trained: 4 }, actor, NOW);
    const t = saveReporterTraining(
      db,
      { unitId: tm, year: 2026, heldOn: '2026-09-03', trained: 5 },
      actor,
      NOW,
    );
    expect(t.outcome).toBe('updated');
    expect(recentReporterTrainings(db, [tm], 10)).toHaveLength(1);
  });
});

describe('filed reports without a natural key', () => {
  it('add a row each time, newest first by date, limited', () => {
    const { db, tm } = setup();
    const c = (awardedOn: string) =>
      saveCommendations(
        db,
        { unitId: tm, awardedOn, collectives: 1, individuals: 2, note: null },
        actor,
        NOW,
      );
    c('2026-01-05');
    c('2026-06-05');
    c('2026-03-05');
    expect(recentCommendations(db, [tm], 2).map((r) => r.awardedOn)).toEqual(['2026-06-05', '2026-03-05']);
  });

  it('a survey with more aware than surveyed is refused by the database, and nothing is audited', () => {
    const { db, tm } = setup();
    saveAwarenessSurvey(db, { unitId: tm, heldOn: '2026-11-20', surveyed: 500, aware: 410 }, actor, NOW);
    expect(() =>
      saveAwarenessSurvey(db, { unitId: tm, heldOn: '2026-11-21', surveyed: 5, aware: 6 }, actor, NOW),
    ).toThrow(/CHECK/);
    expect(recentAwarenessSurveys(db, [tm], 10)).toHaveLength(1);
    const audits = db.$client
      .prepare("select count(*) as n from audit_log where entity = 'awareness_survey'")
      .get();
    expect(audits).toEqual({ n: 1 });
  });
});

describe('figures filed from a form', () => {
  it('a new dated row, corrected in place on the same day, read back as the latest', () => {
    const { db, tm } = setup();
    const base = latestFigures(db, tm, '2026-11-28');
    if (!base) throw new Error('seeded figures missing');
    const { id: _id, ...input } = { ...base, asOf: '2026-10-01', bridgePoints: 3 };
    expect(saveFigures(db, input, actor, NOW).outcome).toBe('created');
    expect(saveFigures(db, { ...input, hasLoudspeaker: false }, actor, NOW).outcome).toBe('updated');
    expect(latestFigures(db, tm, '2026-11-28')).toMatchObject({
      asOf: '2026-10-01',
      bridgePoints: 3,
      hasLoudspeaker: false,
      partyMembers: 130,
    });
    expect(latestFigures(db, tm, '2026-09-30')).toMatchObject({ asOf: '2025-07-01', bridgePoints: 1 });
    expect(recentFigures(db, [tm], 5).map((f) => f.asOf)).toEqual(['2026-10-01', '2025-07-01']);
  });
});

describe('an action plan’s deadline (indicator 5)', () => {
  it('is 30 days after the organisation’s first conference on the document, a chi bộ’s included', () => {
    const w = new World()
      .unit('T', 'tinh', null)
      .unit('X', 'xa', 'T')
      .unit('CB', 'chi_bo', 'X')
      .doc('35-NQ/TW')
      .doc('57-NQ/TW', '2024-12-22')
      .conference('X', '2026-03-10', ['35-NQ/TW'])
      .conference('CB', '2026-03-02', ['35-NQ/TW']);
    expect(actionPlanDue(w.db, w.id('X'), w.id('35-NQ/TW'))).toBe('2026-04-01');
    // Not studied yet, no deadline of its own: not due, so not late whenever it is issued.
    expect(actionPlanDue(w.db, w.id('X'), w.id('57-NQ/TW'))).toBeNull();
    w.documentDeadline('57-NQ/TW', '2026-03-31').documentDeadline('35-NQ/TW', '2026-06-30');
    expect(actionPlanDue(w.db, w.id('X'), w.id('57-NQ/TW'))).toBe('2026-03-31');
    expect(actionPlanDue(w.db, w.id('X'), w.id('35-NQ/TW'))).toBe('2026-06-30');
  });
});
