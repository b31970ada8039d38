import type { Db } from '../client.js';
import { type Actor, recordAudit } from './audit.js';

/** What an import did, for the line the administrator reads: "thêm mới N, cập nhật M". */
export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export const noCounts = (): UpsertCounts => ({ created: 0, updated: 0, unchanged: 0 });

/** Two rows read back from the same table hold the same values (column order is the table's). */
export function sameRow(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface UpsertPlan<I, R extends { id: number }> {
  entity: string;
  /** The saved row with the input's natural key, if any. */
  find: (input: I) => R | undefined;
  insert: (input: I) => void;
  update: (id: number, input: I) => void;
  unitId?: (row: R) => number;
}

/**
 * Creates or updates each input by its natural key, in one transaction; audits every row that
 * was created or changed (before → after) and counts the rows that were already as imported.
 */
export function upsertEach<I, R extends { id: number }>(
  db: Db,
  inputs: readonly I[],
  plan: UpsertPlan<I, R>,
  actor: Actor,
  now: Date,
): UpsertCounts {
  return db.transaction(() => {
    const counts = noCounts();
    for (const input of inputs) {
      const old = plan.find(input);
      if (old) plan.update(old.id, input);
      else plan.insert(input);
      const after = plan.find(input);
      if (!after) throw new Error(`upsert ${plan.entity}: row not found after writing it`);
      if (old && sameRow(old, after)) {
        counts.unchanged++;
        continue;
      }
      counts[old ? 'updated' : 'created']++;
      recordAudit(db, {
        actor,
        action: old ? 'update' : 'create',
        entity: plan.entity,
        entityId: after.id,
        unitId: plan.unitId?.(after) ?? null,
        before: old,
        after,
        now,
      });
    }
    return counts;
  });
}
