import { and, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../client.js';
import { groupLinks, members, type Role, units, users } from '../schema.js';

/* Chats by id as a person reads them: who a reminder went to (`remind`, also with --dry-run). */

/** A chat a reminder goes to, as a person reads it in the dry run: the person and their roles, or the group. */
export type Recipient =
  | { kind: 'person'; name: string; username: string | null; roles: { role: Role; unitName: string }[] }
  | { kind: 'group'; title: string | null; unitName: string };

/** The chats the bot knows, by id; roles that receive reminders, in units still valid on `day` (ISO). */
export function recipientsOf(db: Db, chatIds: readonly number[], day: string): Map<number, Recipient> {
  const out = new Map<number, Recipient>();
  if (chatIds.length === 0) return out;
  const ids = [...chatIds];
  const groups = db
    .select({ chatId: groupLinks.chatId, title: groupLinks.title, unitName: units.name })
    .from(groupLinks)
    .innerJoin(units, eq(units.id, groupLinks.unitId))
    .where(inArray(groupLinks.chatId, ids))
    .all();
  for (const g of groups) out.set(g.chatId, { kind: 'group', title: g.title, unitName: g.unitName });
  const people = db.select().from(users).where(inArray(users.id, ids)).all();
  for (const u of people)
    out.set(u.id, { kind: 'person', name: u.firstName, username: u.username, roles: [] });
  const roles = db
    .select({ userId: members.userId, role: members.role, unitName: units.name })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .where(
      and(
        inArray(members.userId, ids),
        inArray(members.role, ['bi_thu', 'lanh_dao']),
        isNull(members.revokedAt),
        or(isNull(units.validTo), gte(units.validTo, day)),
      ),
    )
    .orderBy(members.role, units.name)
    .all();
  for (const r of roles) {
    const person = out.get(r.userId);
    if (person?.kind === 'person') person.roles.push({ role: r.role, unitName: r.unitName });
  }
  return out;
}
