import type { Db } from '../../src/db/client.js';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { upsertFigures } from '../../src/db/repositories/figures.js';
import { linkGroup } from '../../src/db/repositories/group-links.js';
import { createInvite, redeemInvite } from '../../src/db/repositories/invites.js';
import { getUnitByCode, type UnitInput, upsertUnits } from '../../src/db/repositories/units.js';
import type { Role } from '../../src/db/schema.js';
import { testClock } from './instant.js';

/*
 * A province the size of one after the 2025 reform, for the tests of the messages that grow with the data
 * (docs/architecture.md, "Messages that fit"): 126 communes and wards under one provincial committee, each with
 * 10 to 25 chi bộ and with figures (so each misses most of /tiendo's targets: a long line), names longer than most
 * real ones; and one commune crowded with members, open invites and linked groups. Written with the
 * repositories into the database a test's bot opens (test/helpers/world.ts seeds the province itself).
 */

export const REFORM_COMMUNES = 126;

const FIRST = [
  'Thanh',
  'Tân',
  'Phú',
  'Hòa',
  'Minh',
  'Quang',
  'Đồng',
  'Phúc',
  'Trung',
  'Nghĩa',
  'Hưng',
  'Xuân',
];
const SECOND = ['Lương', 'Thịnh', 'Khánh', 'Thượng', 'Bình', 'Lộc', 'Đức', 'Tiến', 'Sơn', 'Hải', 'An'];

/** "Đảng ủy phường Phúc Thịnh Thượng số 17": each one different. */
export const wardName = (i: number) =>
  `Đảng ủy ${i % 3 === 0 ? 'phường' : 'xã'} ${FIRST[i % FIRST.length]} ${SECOND[(i * 7) % SECOND.length]} ` +
  `${SECOND[(i * 5 + 3) % SECOND.length]} số ${i + 1}`;
export const wardCode = (i: number) => `XA_R${String(i + 1).padStart(3, '0')}`;
/** 10 to 25 chi bộ; the 16th commune (i = 15) has 25. */
export const chiBoCount = (i: number) => 10 + (i % 16);

/** Since the reform: valid from 1/7/2025, still valid, merged into nothing. */
const SINCE_REFORM = { validFrom: '2025-07-01', validTo: null, successorCode: null } as const;
const unit = (code: string, name: string, kind: UnitInput['kind'], parentCode: string): UnitInput => ({
  ...SINCE_REFORM,
  code,
  name,
  kind,
  parentCode,
});

/** `count` communes under `provinceCode` (126 less the `existing` ones), their chi bộ, figures for each commune. */
export function seedReformProvince(db: Db, provinceCode: string, existing = 0) {
  const now = testClock();
  const communes = Array.from({ length: REFORM_COMMUNES - existing }, (_, i) =>
    unit(wardCode(i), wardName(i), 'xa', provinceCode),
  );
  const chiBo = communes.flatMap((c, i) =>
    Array.from({ length: chiBoCount(i) }, (_, j) =>
      unit(`${c.code}_CB${j + 1}`, `Chi bộ tổ dân phố số ${j + 1}, ${c.name}`, 'chi_bo', c.code),
    ),
  );
  upsertUnits(db, [...communes, ...chiBo], CLI_ACTOR, now);
  const id = (code: string) => getUnitByCode(db, code)?.id ?? 0;
  const figures = communes.map((c, i) => ({
    unitId: id(c.code),
    asOf: '2025-07-01',
    partyMembers: 300 + i,
    exemptMembers: 12,
    reporters: 6,
    personalPlanRequired: 25,
    hasLoudspeaker: i % 2 === 0,
    bridgePoints: 1,
  }));
  upsertFigures(db, figures, CLI_ACTOR, now);
  return { communes: communes.map((c) => ({ code: c.code, name: c.name, id: id(c.code) })) };
}

/**
 * `people` members who joined by invite (ids from `firstUserId`), as many invites nobody used yet and as many
 * linked groups: more of each than one message holds buttons for. Every one of them is in the unit's audit trail.
 */
export function crowdUnit(db: Db, unitId: number, people: number, firstUserId: number) {
  const now = testClock();
  const roles: Role[] = ['bi_thu', 'lanh_dao', 'quan_tri'];
  for (let i = 0; i < people; i++) {
    const role = roles[i % roles.length] ?? 'bi_thu';
    const { code } = createInvite(db, { unitId, role, createdBy: null, now });
    redeemInvite(db, code, { id: firstUserId + i, firstName: `Nguyễn Thị Phương Thảo ${i + 1}` }, now);
    createInvite(db, { unitId, role, createdBy: null, now, ttlDays: 14 + (i % 7) });
    const title = `Nhóm Zalo và Telegram của chi bộ, tổ dân phố số ${i + 1} — trao đổi công việc`;
    linkGroup(
      db,
      { chatId: -1_001_000_000_000 - i, unitId, title },
      { id: firstUserId, label: 'quan-tri' },
      now,
    );
  }
}
