import { randomInt } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { isoDateIn } from '../../domain/vn.js';
import type { Db } from '../client.js';
import { preparedPerDb } from '../prepared.js';
import { type Invite, invites, members, type Role, type Unit } from '../schema.js';
import { type Actor, CLI_ACTOR, recordAudit } from './audit.js';
import { type TelegramUser, upsertUser } from './members.js';
import { getUnit } from './units.js';

/** No 0/O, 1/I/L: a code read aloud or typed by hand after `/start` survives. 31¹⁰ ≈ 8·10¹⁴ codes. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;
export const INVITE_TTL_DAYS = 14;
const DAY_MS = 86_400_000;

export function newInviteCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export interface NewInvite {
  unitId: number;
  role: Role;
  /** Telegram id of the administrator who invites; null for the CLI. */
  createdBy: number | null;
  now: Date;
  ttlDays?: number;
}

export function createInvite(db: Db, input: NewInvite): Invite {
  const actor: Actor = input.createdBy === null ? CLI_ACTOR : { id: input.createdBy, label: 'telegram' };
  return db.transaction(() => {
    const invite = db
      .insert(invites)
      .values({
        code: newInviteCode(),
        unitId: input.unitId,
        role: input.role,
        createdBy: input.createdBy,
        createdAt: input.now,
        expiresAt: new Date(input.now.getTime() + (input.ttlDays ?? INVITE_TTL_DAYS) * DAY_MS),
      })
      .returning()
      .get();
    recordAudit(db, {
      actor,
      action: 'create',
      entity: 'invite',
      entityId: invite.code,
      unitId: invite.unitId,
      after: { unitId: invite.unitId, role: invite.role, expiresAt: invite.expiresAt },
      now: input.now,
    });
    return invite;
  });
}

/** An invite for this unit and role that nobody has used yet and that is still valid, if any. */
/** A unit's invites still usable (not used, not expired, not cancelled), the soonest to expire first. */
export function openInvitesOf(db: Db, unitId: number, now: Date): Invite[] {
  return db
    .select()
    .from(invites)
    .where(and(eq(invites.unitId, unitId), isNull(invites.usedAt), gt(invites.expiresAt, now)))
    .orderBy(invites.expiresAt)
    .all();
}

export function findOpenInvite(db: Db, unitId: number, role: Role, now: Date): Invite | null {
  return openInvitesOf(db, unitId, now).find((i) => i.role === role) ?? null;
}

const inviteByCode = preparedPerDb((db) =>
  db
    .select()
    .from(invites)
    .where(eq(invites.code, sql.placeholder('code')))
    .prepare(),
);

const markInviteUsed = preparedPerDb((db) =>
  db
    .update(invites)
    // An update's set takes no placeholder: a param with the column as encoder stores the Date as the column does.
    .set({
      usedBy: sql`${sql.param(sql.placeholder('usedBy'), invites.usedBy)}`,
      usedAt: sql`${sql.param(sql.placeholder('usedAt'), invites.usedAt)}`,
    })
    .where(and(eq(invites.code, sql.placeholder('code')), isNull(invites.usedAt)))
    .prepare(),
);

const memberByKey = preparedPerDb((db) =>
  db
    .select()
    .from(members)
    .where(
      and(
        eq(members.userId, sql.placeholder('userId')),
        eq(members.unitId, sql.placeholder('unitId')),
        eq(members.role, sql.placeholder('role')),
      ),
    )
    .prepare(),
);

const insertMember = preparedPerDb((db) =>
  db
    .insert(members)
    .values({
      userId: sql.placeholder('userId'),
      unitId: sql.placeholder('unitId'),
      role: sql.placeholder('role'),
      createdAt: sql.placeholder('createdAt'),
    })
    .returning()
    .prepare(),
);

const restoreMember = preparedPerDb((db) =>
  db
    .update(members)
    .set({ revokedAt: sql`null` })
    .where(eq(members.id, sql.placeholder('id')))
    .prepare(),
);

export type RevokeResult =
  | { ok: true; invite: Invite }
  | { ok: false; reason: 'not_found' | 'used' | 'expired'; invite?: Invite };

/**
 * Cancels an invite nobody has used yet (a link sent to the wrong person, or leaked): it expires now, so the
 * link and the code no longer work. Audited. A used invite is not undone here: the member it made is revoked
 * instead (/donvi → Thành viên).
 */
export function revokeInvite(
  db: Db,
  code: string,
  actor: Actor,
  now: Date,
  /** When given, an invite to another unit counts as not found (a button's data can be forged). */
  unitId?: number,
): RevokeResult {
  return db.transaction((): RevokeResult => {
    const invite = inviteByCode(db).get({ code: code.trim().toUpperCase() });
    if (!invite || (unitId !== undefined && invite.unitId !== unitId))
      return { ok: false, reason: 'not_found' };
    if (invite.usedAt !== null) return { ok: false, reason: 'used', invite };
    if (invite.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', invite };
    db.update(invites)
      .set({ expiresAt: now })
      .where(and(eq(invites.code, invite.code), isNull(invites.usedAt)))
      .run();
    recordAudit(db, {
      actor,
      action: 'update',
      entity: 'invite',
      entityId: invite.code,
      unitId: invite.unitId,
      before: { expiresAt: invite.expiresAt },
      after: { expiresAt: now },
      now,
    });
    return { ok: true, invite: { ...invite, expiresAt: now } };
  });
}

export type RedeemResult =
  | { ok: true; unit: Unit; role: Role }
  | { ok: false; reason: 'not_found' | 'used' | 'expired' | 'unit_closed' };

/**
 * Uses a one-time invite: remembers the user, marks the invite used and makes the user a member of the
 * unit in that role (a revoked membership is restored), all in one transaction. Codes are case-insensitive.
 */
export function redeemInvite(
  db: Db,
  code: string,
  user: TelegramUser,
  now: Date,
  timeZone = 'Asia/Ho_Chi_Minh',
): RedeemResult {
  return db.transaction((): RedeemResult => {
    const invite = inviteByCode(db).get({ code: code.trim().toUpperCase() });
    if (!invite) return { ok: false, reason: 'not_found' };
    if (invite.usedAt !== null) return { ok: false, reason: 'used' };
    if (invite.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    const unit = getUnit(db, invite.unitId);
    if (!unit || (unit.validTo !== null && unit.validTo < isoDateIn(now, timeZone)))
      return { ok: false, reason: 'unit_closed' };

    // Guarded: the code is spent by exactly one redemption, and before anything else is written.
    const marked = markInviteUsed(db).run({ usedBy: user.id, usedAt: now, code: invite.code });
    if (marked.changes !== 1) return { ok: false, reason: 'used' };

    upsertUser(db, user);

    const actor: Actor = { id: user.id, label: 'telegram' };
    const key = { userId: user.id, unitId: unit.id, role: invite.role };
    const old = memberByKey(db).get(key);
    if (!old) {
      const created = insertMember(db).get({ ...key, createdAt: now });
      recordAudit(db, {
        actor,
        action: 'create',
        entity: 'member',
        entityId: created.id,
        unitId: unit.id,
        after: created,
        now,
      });
    } else if (old.revokedAt !== null) {
      restoreMember(db).run({ id: old.id });
      const after = { ...old, revokedAt: null };
      recordAudit(db, {
        actor,
        action: 'update',
        entity: 'member',
        entityId: old.id,
        unitId: unit.id,
        before: old,
        after,
        now,
      });
    }
    return { ok: true, unit, role: invite.role };
  });
}
