import { and, eq, gte, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { preparedPerDb } from '../prepared.js';
import { members, type Role, units, users } from '../schema.js';

export interface TelegramUser {
  id: number;
  firstName: string;
  lastName?: string | null;
  username?: string | null;
}

const upsertUserRow = preparedPerDb((db) =>
  db
    .insert(users)
    .values({
      id: sql.placeholder('id'),
      firstName: sql.placeholder('firstName'),
      lastName: sql.placeholder('lastName'),
      username: sql.placeholder('username'),
    })
    .onConflictDoUpdate({
      target: users.id,
      set: {
        firstName: sql.raw('excluded.first_name'),
        lastName: sql.raw('excluded.last_name'),
        username: sql.raw('excluded.username'),
        blockedAt: sql`null`,
      },
    })
    .prepare(),
);

/** Remembers a Telegram user's name; clears a block mark, since they are talking to us again. */
export function upsertUser(db: Db, u: TelegramUser): void {
  upsertUserRow(db).run({
    id: u.id,
    firstName: u.firstName,
    lastName: u.lastName ?? null,
    username: u.username ?? null,
  });
}

export interface Membership {
  role: Role;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitKind: string;
  validFrom: string;
  validTo: string | null;
}

const findMemberships = preparedPerDb((db) =>
  db
    .select({
      role: members.role,
      unitId: units.id,
      unitCode: units.code,
      unitName: units.name,
      unitKind: units.kind,
      validFrom: units.validFrom,
      validTo: units.validTo,
    })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .where(
      and(
        eq(members.userId, sql.placeholder('userId')),
        isNull(members.revokedAt),
        or(isNull(units.validTo), gte(units.validTo, sql.placeholder('today'))),
      ),
    )
    .orderBy(units.name)
    .prepare(),
);

/** The user's roles in units that are valid on `today` (ISO). */
export function membershipsOf(db: Db, userId: number, today: string): Membership[] {
  return findMemberships(db).all({ userId, today });
}

/** Units a user may file reports for: where they are the secretary or a leader. */
export function reportingUnits(db: Db, userId: number, today: string): Membership[] {
  const seen = new Set<number>();
  return membershipsOf(db, userId, today).filter((m) => {
    if (m.role === 'quan_tri' || seen.has(m.unitId)) return false;
    seen.add(m.unitId);
    return true;
  });
}

/** Telegram said the user blocked the bot (or is deactivated); false when the user is unknown. */
export function markBlocked(db: Db, userId: number, now: Date): boolean {
  return db.update(users).set({ blockedAt: now }).where(eq(users.id, userId)).run().changes > 0;
}
