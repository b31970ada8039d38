import { inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { type Unit, units } from '../schema.js';

/** The unit and every unit above it, nearest first. */
export function ancestorIds(db: Db, unitId: number): number[] {
  const rows = db.$client
    .prepare(
      `WITH RECURSIVE up(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM units WHERE id = ?
         UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
       ) SELECT id FROM up ORDER BY depth`,
    )
    .all(unitId) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Whether `unitId` is one of `roots` or below one of them. */
export function isWithin(db: Db, unitId: number, roots: readonly number[]): boolean {
  return ancestorIds(db, unitId).some((id) => roots.includes(id));
}

export function unitsByIds(db: Db, ids: readonly number[]): Map<number, Unit> {
  if (ids.length === 0) return new Map();
  const rows = db
    .select()
    .from(units)
    .where(inArray(units.id, [...ids]))
    .all();
  return new Map(rows.map((u) => [u.id, u]));
}

/** Units with no parent that are valid on `day`: the tops of the trees an administrator sees. */
export function topUnits(db: Db, day: string): Unit[] {
  return db.$client
    .prepare(
      `SELECT id, code, name, kind, parent_id AS parentId, valid_from AS validFrom, valid_to AS validTo,
              successor_id AS successorId
       FROM units WHERE parent_id IS NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
       ORDER BY name`,
    )
    .all(day, day) as Unit[];
}
