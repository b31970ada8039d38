import Database from 'better-sqlite3';
import { type Db, openDatabase } from '../../src/db/client.js';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { upsertDocuments } from '../../src/db/repositories/documents.js';
import { upsertFigures } from '../../src/db/repositories/figures.js';
import { createInvite } from '../../src/db/repositories/invites.js';
import { getUnitByCode, upsertUnits } from '../../src/db/repositories/units.js';
import type { Role } from '../../src/db/schema.js';
import { testClock } from './instant.js';
import { NQ_35, NQ_57 } from './seed-rows.js';

/**
 * A small committee for end-to-end tests, written with the same repositories the CLI uses:
 * a province, two current communes (one with figures: 130 members, 4 exempt → 126 must study),
 * a commune closed on 30/06/2025, and two documents.
 */
export function seedWorld(dbPath: string, now = testClock()) {
  return seed(openDatabase(dbPath), now);
}

/** The same committee in a database already open (e.g. an in-memory test database). */
export function seed(db: Db, now = testClock()) {
  const unit = (
    code: string,
    name: string,
    kind: 'tinh' | 'xa',
    parentCode: string | null,
    validTo: string | null = null,
  ) => ({
    code,
    name,
    kind,
    parentCode,
    validFrom: validTo ? '2020-01-01' : '2025-07-01',
    validTo,
    successorCode: null,
  });
  upsertUnits(
    db,
    [
      unit('TU_TN', 'Tỉnh ủy Thái Nguyên', 'tinh', null),
      unit('XA_THANHMAI', 'Đảng ủy xã Thanh Mai', 'xa', 'TU_TN'),
      unit('XA_TANKY', 'Đảng ủy xã Tân Kỳ', 'xa', 'TU_TN'),
      unit('XA_CU', 'Đảng ủy xã Mai Lạp', 'xa', 'TU_TN', '2025-06-30'),
    ],
    CLI_ACTOR,
    now,
  );
  const id = (code: string) => {
    const u = getUnitByCode(db, code);
    if (!u) throw new Error(code);
    return u.id;
  };
  upsertFigures(
    db,
    [
      {
        unitId: id('XA_THANHMAI'),
        asOf: '2025-07-01',
        partyMembers: 130,
        exemptMembers: 4,
        reporters: 5,
        personalPlanRequired: 20,
        hasLoudspeaker: true,
        bridgePoints: 1,
      },
    ],
    CLI_ACTOR,
    now,
  );
  upsertDocuments(db, [NQ_35, NQ_57], CLI_ACTOR, now);
  const invite = (code: string, role: Role, ttlDays?: number) =>
    createInvite(db, { unitId: id(code), role, createdBy: null, now, ttlDays }).code;
  return { db, unitId: id, invite, close: () => db.$client.close() };
}

/**
 * Communes of the seeded province valid in `year` (from 2025 on): Mai Lạp, closed on 30/06/2025, still counts in
 * 2025, so a test run at a 2025 instant (TEST_INSTANT) sees three.
 */
export const communesIn = (year: number): 2 | 3 => (year === 2025 ? 3 : 2);

/** Reads the bot's database from outside, while it runs (WAL lets a reader in). */
export function query<T = Record<string, unknown>>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
