import { and, desc, eq, inArray } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';
import { inTransaction } from '../tx.js';
import { type Actor, recordAudit } from './audit.js';

/*
 * One repository shape for every report kind filed through a form: save (create, or correct in place the
 * row with the same natural key), get, and list recent; every write audited in the transaction that makes it.
 *
 * drizzle cannot follow a table that is a type parameter through select/insert/update, so the rows are
 * typed here once from the table's `$inferSelect` and the few casts stay in this file.
 */

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

export interface Saved<R> {
  row: R;
  outcome: SaveOutcome;
}

type FiledTable = SQLiteTable & { id: SQLiteColumn; unitId: SQLiteColumn };
type Input = { unitId: number } & Record<string, string | number | boolean | null>;

export interface FiledRepository<R, I> {
  save(db: Db, input: I, actor: Actor, now: Date): Saved<R>;
  /** The same write without its audit entry: an import audits itself once (report-import.ts). */
  write(db: Db, input: I, actor: Actor, now: Date): Saved<R> & { before: R | null };
  get(db: Db, id: number): R | null;
  recent(db: Db, unitIds: readonly number[], limit: number): R[];
}

/**
 * `key`: the natural key (a unique index); saving the same key again corrects that row, and an empty key
 * means every save adds one. `newest`: what "recent" sorts by (a date or a year), newest first.
 */
export function filedRepository<T extends FiledTable, I extends Input>(
  table: T,
  entity: string,
  key: readonly (keyof I & keyof T & string)[],
  newest: SQLiteColumn,
): FiledRepository<T['$inferSelect'], I> {
  type Row = T['$inferSelect'] & { id: number };
  // Filed reports carry who and when; a unit's figures (imported, dated) do not.
  const stamped = 'createdBy' in table;
  const column = (k: string) => (table as unknown as Record<string, SQLiteColumn>)[k] as SQLiteColumn;

  const get = (db: Db, id: number): Row | null =>
    (db
      .select()
      .from(table as SQLiteTable)
      .where(eq(table.id, id))
      .get() as Row | undefined) ?? null;

  const sameKey = (db: Db, input: I): Row | null =>
    key.length === 0
      ? null
      : ((db
          .select()
          .from(table as SQLiteTable)
          .where(and(...key.map((k) => eq(column(k), input[k]))))
          .get() as Row | undefined) ?? null);

  function write(db: Db, input: I, actor: Actor, now: Date): Saved<Row> & { before: Row | null } {
    const old = sameKey(db, input);
    const record = old as unknown as Record<string, unknown> | null;
    if (record && Object.entries(input).every(([k, v]) => record[k] === v)) {
      return { row: old as Row, outcome: 'unchanged' as const, before: old };
    }
    let id: number;
    if (old) {
      const set = stamped ? { ...input, updatedAt: now } : input;
      db.update(table)
        .set(set as never)
        .where(eq(table.id, old.id))
        .run();
      id = old.id;
    } else {
      // The administrator's CLI has no Telegram id; its rows are filed by 0 (the audit log says "cli").
      const values = stamped ? { ...input, createdBy: actor.id ?? 0, createdAt: now } : input;
      id = (
        db
          .insert(table)
          .values(values as never)
          .returning({ id: table.id })
          .get() as { id: number }
      ).id;
    }
    const row = get(db, id) as Row;
    return { row, outcome: old ? ('updated' as const) : ('created' as const), before: old };
  }

  function save(db: Db, input: I, actor: Actor, now: Date): Saved<Row> {
    return inTransaction(db, () => {
      const { row, outcome, before } = write(db, input, actor, now);
      if (outcome === 'unchanged') return { row, outcome };
      recordAudit(db, {
        actor,
        action: outcome === 'updated' ? 'update' : 'create',
        entity: entity,
        entityId: row.id,
        unitId: input.unitId,
        before: before ?? undefined,
        after: row,
        now,
      });
      return { row, outcome };
    });
  }

  function recent(db: Db, unitIds: readonly number[], limit: number): Row[] {
    if (unitIds.length === 0) return [];
    return db
      .select()
      .from(table as SQLiteTable)
      .where(inArray(table.unitId, [...unitIds]))
      .orderBy(desc(newest), desc(table.id))
      .limit(limit)
      .all() as Row[];
  }

  return { save, write, get, recent };
}
