import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import {
  auditLog,
  groupLinks,
  members,
  type Role,
  type Unit,
  type UnitKind,
  units,
  users,
} from '../schema.js';
import { inTransaction } from '../tx.js';
import { type Actor, recordAudit } from './audit.js';
import { getUnit } from './units.js';

/* What an administrator changes in the chat: units, memberships, group links. Every change audited. */

export interface NewUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number;
  validFrom: string;
}

export function createUnit(db: Db, u: NewUnit, actor: Actor, now: Date): Unit {
  return inTransaction(db, () => {
    const row = db
      .insert(units)
      .values({ ...u, code: u.code.toUpperCase() })
      .returning()
      .get();
    recordAudit(db, {
      actor,
      action: 'create',
      entity: 'unit',
      entityId: row.id,
      unitId: row.id,
      after: row,
      now,
    });
    return row;
  });
}

export type UnitPatch = Partial<Pick<Unit, 'name' | 'validTo' | 'successorId'>>;

export function updateUnit(db: Db, id: number, patch: UnitPatch, actor: Actor, now: Date): Unit | null {
  return inTransaction(db, () => {
    const before = getUnit(db, id);
    if (!before) return null;
    const after = db.update(units).set(patch).where(eq(units.id, id)).returning().get();
    recordAudit(db, {
      actor,
      action: 'update',
      entity: 'unit',
      entityId: id,
      unitId: id,
      before,
      after,
      now,
    });
    return after;
  });
}

export interface MemberRow {
  memberId: number;
  userId: number;
  name: string;
  username: string | null;
  role: Role;
}

export function membersOfUnit(db: Db, unitId: number): MemberRow[] {
  return db
    .select({
      memberId: members.id,
      userId: users.id,
      name: users.firstName,
      username: users.username,
      role: members.role,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.unitId, unitId), isNull(members.revokedAt)))
    .orderBy(members.role, users.firstName)
    .all();
}

export function getMember(db: Db, memberId: number) {
  return db.select().from(members).where(eq(members.id, memberId)).get() ?? null;
}

export function revokeMember(db: Db, memberId: number, actor: Actor, now: Date): boolean {
  return inTransaction(db, () => {
    const before = getMember(db, memberId);
    if (!before || before.revokedAt) return false;
    db.update(members).set({ revokedAt: now }).where(eq(members.id, memberId)).run();
    recordAudit(db, {
      actor,
      action: 'delete',
      entity: 'member',
      entityId: memberId,
      unitId: before.unitId,
      before,
      now,
    });
    return true;
  });
}

export function groupsLinkedTo(db: Db, unitId: number) {
  return db.select().from(groupLinks).where(eq(groupLinks.unitId, unitId)).all();
}

export function unlinkGroup(db: Db, chatId: number, actor: Actor, now: Date): boolean {
  return inTransaction(db, () => {
    const before = db.select().from(groupLinks).where(eq(groupLinks.chatId, chatId)).get();
    if (!before) return false;
    db.delete(groupLinks).where(eq(groupLinks.chatId, chatId)).run();
    recordAudit(db, {
      actor,
      action: 'delete',
      entity: 'group_link',
      entityId: chatId,
      unitId: before.unitId,
      before,
      now,
    });
    return true;
  });
}

/** The unit's audit trail, newest first: `limit` entries from the `offset`-th (a page of it). */
export function unitAudit(db: Db, unitId: number, limit: number, offset = 0) {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.unitId, unitId))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
}

/** How many entries the unit's audit trail has. */
export const unitAuditSize = (db: Db, unitId: number): number =>
  db.select({ n: count() }).from(auditLog).where(eq(auditLog.unitId, unitId)).get()?.n ?? 0;
