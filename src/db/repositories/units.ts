import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { preparedPerDb } from '../prepared.js';
import { type Unit, type UnitKind, units } from '../schema.js';
import { type Actor, recordAudit } from './audit.js';
import { noCounts, sameRow, type UpsertCounts } from './upsert.js';

const unitById = preparedPerDb((db) =>
  db
    .select()
    .from(units)
    .where(eq(units.id, sql.placeholder('id')))
    .prepare(),
);

export function getUnit(db: Db, id: number): Unit | null {
  return unitById(db).get({ id }) ?? null;
}

/** Codes are matched without regard to case: `xa_tanky_2025` finds `XA_TANKY_2025`. */
export function getUnitByCode(db: Db, code: string): Unit | null {
  return db.select().from(units).where(sql`${units.code} = ${code.trim()} collate nocase`).get() ?? null;
}

/** Every saved unit's code (upper case) → its parent's code and its kind, for checking an import's tree. */
export function savedUnitTree(db: Db): Map<string, { parent: string | null; kind: UnitKind }> {
  const all = db
    .select({ id: units.id, code: units.code, parentId: units.parentId, kind: units.kind })
    .from(units)
    .all();
  const codeOf = new Map(all.map((u) => [u.id, u.code.toUpperCase()]));
  return new Map(
    all.map((u) => [
      u.code.toUpperCase(),
      { parent: u.parentId === null ? null : (codeOf.get(u.parentId) ?? null), kind: u.kind },
    ]),
  );
}

export interface UnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  successorCode: string | null;
}

/**
 * Creates or updates units by code. Parents and successors are named by code and may be among the inputs
 * in any order: new units are inserted first, links are set second. The caller has checked the tree.
 */
export function upsertUnits(db: Db, inputs: readonly UnitInput[], actor: Actor, now: Date): UpsertCounts {
  return db.transaction(() => {
    const counts = noCounts();
    const before = new Map<string, Unit | null>();
    for (const u of inputs) {
      const existing = getUnitByCode(db, u.code);
      before.set(u.code, existing);
      if (!existing) {
        db.insert(units)
          .values({ code: u.code, name: u.name, kind: u.kind, validFrom: u.validFrom, validTo: u.validTo })
          .run();
      }
    }
    const idOf = (code: string | null) => {
      if (code === null) return null;
      const unit = getUnitByCode(db, code);
      if (!unit) throw new Error(`upsertUnits: unknown unit code ${code}`);
      return unit.id;
    };
    for (const u of inputs) {
      const current = getUnitByCode(db, u.code) as Unit;
      db.update(units)
        .set({
          name: u.name,
          kind: u.kind,
          parentId: idOf(u.parentCode),
          validFrom: u.validFrom,
          validTo: u.validTo,
          successorId: idOf(u.successorCode),
        })
        .where(eq(units.id, current.id))
        .run();
      const after = getUnit(db, current.id) as Unit;
      const old = before.get(u.code) ?? null;
      if (old && sameRow(old, after)) {
        counts.unchanged++;
        continue;
      }
      const action = old ? 'update' : 'create';
      counts[old ? 'updated' : 'created']++;
      recordAudit(db, {
        actor,
        action,
        entity: 'unit',
        entityId: after.id,
        unitId: after.id,
        before: old ?? undefined,
        after,
        now,
      });
    }
    return counts;
  });
}

/** The unit's direct children that are valid at some point between two ISO dates, by name. */
export function childrenValidIn(db: Db, parentId: number, from: string, to: string): Unit[] {
  return db
    .select()
    .from(units)
    .where(
      and(
        eq(units.parentId, parentId),
        lte(units.validFrom, to),
        or(isNull(units.validTo), gte(units.validTo, from)),
      ),
    )
    .orderBy(asc(units.name))
    .all();
}

/** Of these units, those with a direct child valid at some point between two ISO dates (a dashboard row's drill-down). */
export function withChildrenValidIn(db: Db, ids: readonly number[], from: string, to: string): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = db.$client
    .prepare(
      `SELECT DISTINCT parent_id AS id FROM units
       WHERE parent_id IN (SELECT value FROM json_each(?)) AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)`,
    )
    .all(JSON.stringify(ids), to, from) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}
