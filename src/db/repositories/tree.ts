import { inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { type Unit, units } from '../schema.js';

/**
 * The unit and every unit above it, nearest first, and, for a unit that merged into another, the units
 * that took it over and theirs (docs/domain.md, "The unit tree": whoever sees a unit sees its predecessors'
 * history). A closed commune's line reads: the commune, its district, its province, the new commune it
 * merged into, and that one's province.
 */
export function lineageIds(db: Db, unitId: number): number[] {
  const rows = db.$client
    .prepare(
      `WITH RECURSIVE up(id, depth) AS (
         SELECT ?, 0
         UNION
         SELECT j.value, up.depth + 1 FROM units u JOIN up ON u.id = up.id,
           json_each(json_array(u.parent_id, u.successor_id)) j WHERE j.value IS NOT NULL
       ) SELECT id FROM up GROUP BY id ORDER BY min(depth)`,
    )
    .all(unitId) as { id: number }[];
  return rows.map((r) => r.id);
}

/**
 * The closed units that merged, directly or through another merge, into one of `unitIds`: those whose
 * reports the new unit's people may still file (a date within the old unit's life), newest closing first.
 */
export function predecessorsOf(db: Db, unitIds: readonly number[]): Unit[] {
  if (unitIds.length === 0) return [];
  return db.$client
    .prepare(
      `WITH RECURSIVE back(id) AS (
         SELECT value FROM json_each(?)
         UNION
         SELECT u.id FROM units u JOIN back ON u.successor_id = back.id
       )
       SELECT u.id, u.code, u.name, u.kind, u.parent_id AS parentId, u.valid_from AS validFrom,
              u.valid_to AS validTo, u.successor_id AS successorId
       FROM units u JOIN back ON back.id = u.id
       WHERE u.valid_to IS NOT NULL AND u.id NOT IN (SELECT value FROM json_each(?))
       ORDER BY u.valid_to DESC, u.name`,
    )
    .all(JSON.stringify(unitIds), JSON.stringify(unitIds)) as Unit[];
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
