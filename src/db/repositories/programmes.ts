import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { IndicatorKey } from '../../domain/indicators.js';
import type { Db } from '../client.js';
import { preparedPerDb } from '../prepared.js';
import { type Programme, programmes, programmeTargets } from '../schema.js';
import { inTransaction } from '../tx.js';
import { type Actor, recordAudit } from './audit.js';

export function listProgrammes(db: Db): Programme[] {
  return db.select().from(programmes).orderBy(asc(programmes.periodFrom), asc(programmes.id)).all();
}

export function getProgrammeByCode(db: Db, code: string): Programme | null {
  return db.select().from(programmes).where(eq(programmes.code, code)).get() ?? null;
}

const runningProgramme = preparedPerDb((db) =>
  db
    .select()
    .from(programmes)
    .where(
      and(
        lte(programmes.periodFrom, sql.placeholder('yearEnd')),
        gte(programmes.periodTo, sql.placeholder('yearStart')),
      ),
    )
    .orderBy(desc(programmes.periodFrom))
    .prepare(),
);

const lastEndedProgramme = preparedPerDb((db) =>
  db.select().from(programmes).orderBy(desc(programmes.periodTo)).prepare(),
);

const targetsOfProgramme = preparedPerDb((db) =>
  db
    .select()
    .from(programmeTargets)
    .where(eq(programmeTargets.programmeId, sql.placeholder('programmeId')))
    .prepare(),
);

/** The programme running in that year (the latest started); otherwise the one that ended last. */
export function programmeForYear(db: Db, year: number): Programme | null {
  const running = runningProgramme(db).get({ yearEnd: `${year}-12-31`, yearStart: `${year}-01-01` });
  return running ?? lastEndedProgramme(db).get() ?? null;
}

export function programmeTargetsOf(db: Db, programmeId: number): Partial<Record<IndicatorKey, number>> {
  const rows = targetsOfProgramme(db).all({ programmeId });
  return Object.fromEntries(rows.map((r) => [r.indicator, r.target]));
}

export interface ProgrammeInput {
  code: string;
  name: string;
  periodFrom: string;
  periodTo: string;
}

/** Creates the programme, or renames / re-dates the one with that code. */
export function saveProgramme(db: Db, p: ProgrammeInput, actor: Actor, now: Date): Programme {
  return inTransaction(db, () => {
    const before = getProgrammeByCode(db, p.code);
    const saved = before
      ? db.update(programmes).set(p).where(eq(programmes.id, before.id)).returning().get()
      : db.insert(programmes).values(p).returning().get();
    const action = before ? 'update' : 'create';
    recordAudit(db, {
      actor,
      action,
      entity: 'programme',
      entityId: saved.id,
      before: before ?? undefined,
      after: p,
      now,
    });
    return saved;
  });
}

/** Sets one target (a share, 0..1); null removes it. */
export function setTarget(
  db: Db,
  programmeId: number,
  indicator: IndicatorKey,
  target: number | null,
  actor: Actor,
  now: Date,
): void {
  inTransaction(db, () => {
    const before = programmeTargetsOf(db, programmeId)[indicator];
    const key = and(eq(programmeTargets.programmeId, programmeId), eq(programmeTargets.indicator, indicator));
    db.delete(programmeTargets).where(key).run();
    if (target !== null) db.insert(programmeTargets).values({ programmeId, indicator, target }).run();
    recordAudit(db, {
      actor,
      action: before === undefined ? 'create' : target === null ? 'delete' : 'update',
      entity: 'programme_target',
      entityId: `${programmeId}:${indicator}`,
      before,
      after: target ?? undefined,
      now,
    });
  });
}

export function getProgramme(db: Db, id: number): Programme | null {
  return db.select().from(programmes).where(eq(programmes.id, id)).get() ?? null;
}
