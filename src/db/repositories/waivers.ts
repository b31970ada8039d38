import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { dueWaivers } from '../schema-reminders.js';
import { inTransaction } from '../tx.js';
import { type Actor, recordAudit } from './audit.js';

/* Due items waived by an administrator (docs/domain.md, "Deadlines and reminders"); every waiver audited. */

export function waivedKeys(db: Db): Set<string> {
  return new Set(
    db
      .select({ key: dueWaivers.itemKey })
      .from(dueWaivers)
      .all()
      .map((r) => r.key),
  );
}

/** Waives the item; false when it was waived already (nothing changes, nothing audited). */
export function waiveItem(
  db: Db,
  w: { itemKey: string; unitId: number; reason: string },
  actor: Actor,
  now: Date,
): boolean {
  return inTransaction(db, () => {
    if (db.select().from(dueWaivers).where(eq(dueWaivers.itemKey, w.itemKey)).get()) return false;
    db.insert(dueWaivers)
      .values({ ...w, waivedBy: actor.id, waivedAt: now })
      .run();
    recordAudit(db, {
      actor,
      action: 'create',
      entity: 'due_waiver',
      entityId: w.itemKey,
      unitId: w.unitId,
      after: { reason: w.reason },
      now,
    });
    return true;
  });
}
