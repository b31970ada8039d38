import path from 'node:path';
import type { CliContext } from '../../src/cli/context.js';
import { SAMPLES_DIR } from '../../src/cli/demo.js';
import { runImport } from '../../src/cli/import.js';
import type { Actor } from '../../src/db/repositories/audit.js';
import { createConferenceReport } from '../../src/db/repositories/conference-reports.js';
import { latestFigures, upsertFigures } from '../../src/db/repositories/figures.js';
import {
  saveActionPlan,
  saveAwarenessSurvey,
  saveCommendations,
  saveInspectionProgramme,
  savePersonalPlans,
  saveReporterTraining,
} from '../../src/db/repositories/filed-reports.js';
import { getUnitByCode } from '../../src/db/repositories/units.js';
import { addDaysIso } from '../../src/domain/vn.js';

/*
 * Chợ Mới's five years of Đề án 07-ĐA/TU, as the seed article tells them, on the sample units of data-samples/
 * (what `demo` loads; the units exist from 2020): 486 conferences for 39.280 attendances (hơn 39.000), the 14
 * communes with loudspeakers, 2 district and 14 commune bridge points, 04 collectives and 07 individuals commended
 * on 22/09/2022; and the other reports, on time, so the seven targets read as the article's.
 */

export const CHO_MOI_COMMUNES = [
  'XA_DONGTAM',
  'XA_TANSON',
  'XA_THANHVAN',
  'XA_MAILAP',
  'XA_HOAMUC',
  'XA_THANHMAI',
  'XA_CAOKY',
  'XA_NONGHA',
  'XA_YENCU',
  'XA_THANHTHINH',
  'XA_YENHAN',
  'XA_NHUCO',
  'XA_BINHVAN',
  'XA_QUANGCHU',
] as const;

const ACTOR: Actor & { id: number } = { id: 1, label: 'test' };
const YEARS = [2020, 2021, 2022] as const;
const DOCUMENTS = ['35-NQ/TW', '05-CT/TW'] as const;

export function loadChoMoi(ctx: CliContext): void {
  const { db, now } = ctx;
  for (const [kind, file] of [
    ['units', 'units.csv'],
    ['figures', 'figures.csv'],
    ['documents', 'documents.csv'],
  ] as const) {
    if (runImport(ctx, kind, path.join(SAMPLES_DIR, file)) !== 0) throw new Error(`import ${file}`);
  }
  const id = (code: string) => getUnitByCode(db, code)?.id ?? 0;
  const doc = (code: string) =>
    db.$client.prepare('SELECT id FROM documents WHERE code = ?').pluck().get(code) as number;
  const district = id('HU_CHOMOI');
  upsertFigures(
    db,
    [
      {
        unitId: district,
        asOf: '2020-01-01',
        partyMembers: 120,
        exemptMembers: 0,
        reporters: 12,
        personalPlanRequired: 40,
        hasLoudspeaker: true,
        bridgePoints: 2,
      },
    ],
    ACTOR,
    now,
  );

  const eligibleOf = (unitId: number, day: string) => {
    const f = latestFigures(db, unitId, day);
    return f ? f.partyMembers - f.exemptMembers : 0;
  };

  /** Every 28 days from 01/02/2020; each fifth one online and in person, from two bridge points. */
  const conferences = (unitId: number, count: number, present: number, others: number) => {
    for (let i = 0; i < count; i++) {
      const heldOn = addDaysIso('2020-02-01', i * 28);
      const online = i % 5 === 0;
      createConferenceReport(
        db,
        {
          unitId,
          heldOn,
          documentIds: [doc(DOCUMENTS[i % 2] as string)],
          form: online ? 'ket_hop' : 'truc_tiep',
          bridgePoints: online ? 2 : 0,
          eligible: eligibleOf(unitId, heldOn),
          present,
          nonMemberAttendances: others,
          makeUp: false,
          reporterPresent: true,
          note: null,
        },
        ACTOR,
        now,
      );
    }
  };

  // 10 district conferences (95 members, 25 others) and 34 in each commune (60 and 20): 486, 39.280 attendances.
  conferences(district, 10, 95, 25);
  for (const code of CHO_MOI_COMMUNES) conferences(id(code), 34, 60, 20);

  for (const code of ['HU_CHOMOI', ...CHO_MOI_COMMUNES]) {
    const unitId = id(code);
    for (const year of YEARS) {
      const f = latestFigures(db, unitId, `${year}-12-31`);
      const heldOn = `${year}-06-01`;
      saveReporterTraining(db, { unitId, year, heldOn, trained: f?.reporters ?? 0 }, ACTOR, now);
      const withPlan = Math.ceil((f?.personalPlanRequired ?? 0) * 0.95);
      savePersonalPlans(db, { unitId, year, withPlan }, ACTOR, now);
      for (const body of ['cap_uy', 'ubkt'] as const) {
        saveInspectionProgramme(db, { unitId, year, body, approvedOn: `${year}-01-15` }, ACTOR, now);
      }
    }
    if (code === 'HU_CHOMOI') continue;
    // The plan for each document 10 days after the commune's first conference on it.
    DOCUMENTS.forEach((d, i) => {
      const issuedOn = addDaysIso(addDaysIso('2020-02-01', i * 28), 10);
      saveActionPlan(db, { unitId, documentId: doc(d), issuedOn }, ACTOR, now);
    });
    saveAwarenessSurvey(db, { unitId, heldOn: '2022-08-15', surveyed: 200, aware: 170 }, ACTOR, now);
  }
  saveCommendations(
    db,
    { unitId: district, awardedOn: '2022-09-22', collectives: 4, individuals: 7, note: null },
    ACTOR,
    now,
  );
}
