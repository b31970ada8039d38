import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { preparedPerDb } from '../prepared.js';
import { groupLinks } from '../schema.js';
import { inTransaction } from '../tx.js';
import { type Actor, recordAudit } from './audit.js';

export function linkGroup(
  db: Db,
  link: { chatId: number; unitId: number; title: string | null; threadId?: number | null },
  actor: Actor & { id: number },
  now: Date,
): void {
  inTransaction(db, () => {
    const before = groupOf(db, link.chatId);
    const row = {
      unitId: link.unitId,
      title: link.title,
      linkedBy: actor.id,
      linkedAt: now,
      threadId: link.threadId ?? null,
    };
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

/** Where the group's notices and digests go: a topic of a forum group (`/nhacnhom` run there), or null. */
export function setGroupThread(db: Db, chatId: number, threadId: number | null): void {
  db.update(groupLinks).set({ threadId }).where(eq(groupLinks.chatId, chatId)).run();
}

/** The topic a linked group's notices and digests go to; null for the group itself (or not linked). */
export function groupThread(db: Db, chatId: number): number | null {
  return (
    db.select({ threadId: groupLinks.threadId }).from(groupLinks).where(eq(groupLinks.chatId, chatId)).get()
      ?.threadId ?? null
  );
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
