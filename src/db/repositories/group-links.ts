import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { preparedPerDb } from '../prepared.js';
import { groupLinks } from '../schema.js';
import { inTransaction } from '../tx.js';
import { type Actor, recordAudit } from './audit.js';

export function linkGroup(
  db: Db,
  link: { chatId: number; unitId: number; title: string | null },
  actor: Actor & { id: number },
  now: Date,
): void {
  inTransaction(db, () => {
    const before = groupOf(db, link.chatId);
    const row = { unitId: link.unitId, title: link.title, linkedBy: actor.id, linkedAt: now };
    db.insert(groupLinks)
      .values({ chatId: link.chatId, ...row })
      .onConflictDoUpdate({ target: groupLinks.chatId, set: row })
      .run();
    recordAudit(db, {
      actor,
      action: before ? 'update' : 'create',
      entity: 'group_link',
      entityId: link.chatId,
      unitId: link.unitId,
      before: before ?? undefined,
      after: link,
      now,
    });
  });
}

export function groupOf(db: Db, chatId: number) {
  return db.select().from(groupLinks).where(eq(groupLinks.chatId, chatId)).get() ?? null;
}

const chatsOfUnit = preparedPerDb((db) =>
  db
    .select({ chatId: groupLinks.chatId })
    .from(groupLinks)
    .where(eq(groupLinks.unitId, sql.placeholder('unitId')))
    .prepare(),
);

export function groupsOfUnit(db: Db, unitId: number): number[] {
  return chatsOfUnit(db)
    .all({ unitId })
    .map((r) => r.chatId);
}
