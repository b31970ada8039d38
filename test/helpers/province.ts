import { openDatabase } from '../../src/db/client.js';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { createConferenceReport } from '../../src/db/repositories/conference-reports.js';
import { upsertDocuments } from '../../src/db/repositories/documents.js';
import { upsertFigures } from '../../src/db/repositories/figures.js';
import { upsertUser } from '../../src/db/repositories/members.js';
import { getUnitByCode, upsertUnits } from '../../src/db/repositories/units.js';
import { addDaysIso } from '../../src/domain/vn.js';

/*
 * RECONSTRUCTED by a helper session that overwrote this file by mistake (see its report): the same API and the same
 * rows as the lead's original wrote (checked against the databases its runs left), not necessarily the same code.
 *
 * A province the size of one after the 2025 reform: 126 communes under one provincial committee, each with
 * figures and one conference 60 days before `day` that studied three of 80 documents (so each has three action
 * plans overdue, and the year's inspection programmes and personal plans too).
 */

export const PROVINCE = { code: 'TU_THU', name: 'Tỉnh ủy Thử Nghiệm', communes: 126, documents: 80 } as const;

/** The i-th commune (from 0): "Đảng ủy xã Thử Nghiệm Số 1" … "Số 126". */
export const communeName = (i: number) => `Đảng ủy xã Thử Nghiệm Số ${i + 1}`;
const communeCode = (i: number) => `XA_${i + 1}`;

const ENTERED_BY = { id: 4242, label: 'nhap-lieu' };

/** Writes the province into the database at `dbPath` (opened here; the caller closes `db`). */
export function seedProvince(dbPath: string, day: string) {
  const db = openDatabase(dbPath);
  const now = new Date(`${day}T08:00:00+07:00`);
  const unit = (code: string, name: string, kind: 'tinh' | 'xa', parentCode: string | null) => ({
    code,
    name,
    kind,
    parentCode,
    validFrom: '2025-07-01',
    validTo: null,
    successorCode: null,
  });
  const communes = Array.from({ length: PROVINCE.communes }, (_, i) => i);
  upsertUnits(
    db,
    [
      unit(PROVINCE.code, PROVINCE.name, 'tinh', null),
      ...communes.map((i) => unit(communeCode(i), communeName(i), 'xa', PROVINCE.code)),
    ],
    CLI_ACTOR,
    now,
  );
  const id = (code: string) => getUnitByCode(db, code)?.id ?? 0;
  upsertFigures(
    db,
    communes.map((i) => ({
      unitId: id(communeCode(i)),
      asOf: '2025-07-01',
      partyMembers: 200,
      exemptMembers: 10,
      reporters: 3,
      personalPlanRequired: 12,
      hasLoudspeaker: true,
      bridgePoints: 1,
    })),
    CLI_ACTOR,
    now,
  );
  upsertDocuments(
    db,
    Array.from({ length: PROVINCE.documents }, (_, k) => ({
      code: `${k + 1}-NQ/TU`,
      issuedOn: '2025-08-01',
      number: k + 1,
      type: 'NQ',
      issuer: 'Tỉnh ủy',
      summary: `Về việc thử nghiệm số ${k + 1}`,
    })),
    CLI_ACTOR,
    now,
  );
  upsertUser(db, { id: ENTERED_BY.id, firstName: 'Nhập liệu' });
  const docId = (k: number) => (k % PROVINCE.documents) + 1;
  for (const i of communes) {
    createConferenceReport(
      db,
      {
        unitId: id(communeCode(i)),
        heldOn: addDaysIso(day, -60),
        documentIds: [docId(i), docId(i + 7), docId(i + 14)],
        form: 'truc_tiep',
        bridgePoints: 0,
        eligible: 190,
        present: 180,
        nonMemberAttendances: 0,
        makeUp: false,
        reporterPresent: true,
        note: '',
      },
      ENTERED_BY,
      now,
    );
  }
  return { db, provinceId: id(PROVINCE.code) };
}
