import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { preparedPerDb } from '../prepared.js';
import { type UnitFigures, unitFigures } from '../schema.js';
import type { Actor } from './audit.js';
import { filedRepository } from './filed.js';
import { type UpsertCounts, upsertEach } from './upsert.js';

const figuresInForce = preparedPerDb((db) =>
  db
    .select()
    .from(unitFigures)
    .where(
      and(
        eq(unitFigures.unitId, sql.placeholder('unitId')),
        lte(unitFigures.asOf, sql.placeholder('onOrBefore')),
      ),
    )
    // No LIMIT: `.get()` steps to the first row only, and a bound LIMIT costs SQLite a fresh plan on
    // every run (~35 µs here, against ~10 for the query: the statement is asked on every form step).
    .orderBy(desc(unitFigures.asOf))
    .prepare(),
);

/** The figures in force on a day: the latest row dated on or before it (ISO `yyyy-MM-dd`). */
export function latestFigures(db: Db, unitId: number, onOrBefore: string): UnitFigures | null {
  return figuresInForce(db).get({ unitId, onOrBefore }) ?? null;
}

export type FiguresInput = Omit<UnitFigures, 'id'>;

/** Creates or updates figures keyed by (unit, as_of). */
export function upsertFigures(
  db: Db,
  inputs: readonly FiguresInput[],
  actor: Actor,
  now: Date,
): UpsertCounts {
  return upsertEach<FiguresInput, UnitFigures>(
    db,
    inputs,
    {
      entity: 'unit_figures',
      find: (f) =>
        db
          .select()
          .from(unitFigures)
          .where(and(eq(unitFigures.unitId, f.unitId), eq(unitFigures.asOf, f.asOf)))
          .get(),
      insert: (f) => db.insert(unitFigures).values(f).run(),
      update: (id, f) => db.update(unitFigures).set(f).where(eq(unitFigures.id, id)).run(),
      unitId: (row) => row.unitId,
    },
    actor,
    now,
  );
}

/** One unit's figures from a form (figures, facilities): the row of that day is corrected in place. */
export const {
  save: saveFigures,
  write: writeFigures,
  get: getFigures,
  recent: recentFigures,
} = filedRepository<typeof unitFigures, FiguresInput>(
  unitFigures,
  'unit_figures',
  ['unitId', 'asOf'],
  unitFigures.asOf,
);

/** Every dated row of a unit's figures, oldest first. */
export function figuresHistory(db: Db, unitId: number): UnitFigures[] {
  return db.select().from(unitFigures).where(eq(unitFigures.unitId, unitId)).orderBy(unitFigures.asOf).all();
}
