import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../client.js';
import { invites, users } from '../schema.js';
import { webSessions, webSignInCodes } from '../schema-web.js';
import { newInviteCode } from './invites.js';

export const WEB_SESSION_DAYS = 30;
export const WEB_CODE_MINUTES = 15;
const DAY_MS = 86_400_000;

/**
 * What the tables keep of a session id or a `/web` code: its sha256, hex. The browser's cookie and the code the
 * user types stay the raw values, so a copy of the database (a backup) signs nobody in (docs/architecture.md,
 * "Files and permissions").
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface WebSession {
  /** The raw session id the cookie holds (never stored). */
  id: string;
  userId: number;
  firstName: string;
  expiresAt: Date;
}

export function createWebSession(db: Db, userId: number, now: Date): WebSession {
  const id = randomBytes(32).toString('hex');
  const expiresAt = new Date(now.getTime() + WEB_SESSION_DAYS * DAY_MS);
  db.insert(webSessions)
    .values({ id: secretHash(id), userId, createdAt: now, expiresAt })
    .run();
  const name = db.select({ firstName: users.firstName }).from(users).where(eq(users.id, userId)).get();
  return { id, userId, firstName: name?.firstName ?? '', expiresAt };
}

/** The session behind a cookie, if it exists and has not expired. */
export function findWebSession(db: Db, id: string, now: Date): WebSession | null {
  const row = db
    .select({
      userId: webSessions.userId,
      firstName: users.firstName,
      expiresAt: webSessions.expiresAt,
    })
    .from(webSessions)
    .innerJoin(users, eq(users.id, webSessions.userId))
    .where(and(eq(webSessions.id, secretHash(id)), gt(webSessions.expiresAt, now)))
    .get();
  return row ? { id, ...row } : null;
}

export function endWebSession(db: Db, id: string): void {
  db.delete(webSessions)
    .where(eq(webSessions.id, secretHash(id)))
    .run();
}

export function pruneWebSessions(db: Db, now: Date): number {
  return db.delete(webSessions).where(lte(webSessions.expiresAt, now)).run().changes;
}

/** Forgets the `/web` codes that can no longer be used (spent or expired); how many. */
export function pruneWebSignInCodes(db: Db, now: Date): number {
  return db
    .delete(webSignInCodes)
    .where(or(isNotNull(webSignInCodes.usedAt), lte(webSignInCodes.expiresAt, now)))
    .run().changes;
}

/** A one-time sign-in code for the page, for a user who already talks to the bot (Telegram's `/web`). */
export function createWebSignInCode(db: Db, userId: number, now: Date): { code: string; expiresAt: Date } {
  const code = newInviteCode();
  const expiresAt = new Date(now.getTime() + WEB_CODE_MINUTES * 60_000);
  db.insert(webSignInCodes)
    .values({ code: secretHash(code), userId, expiresAt })
    .run();
  return { code, expiresAt };
}

/** Spends a `/web` code: the user id it was given to, or null (unknown, used, expired). */
export function redeemWebSignInCode(db: Db, code: string, now: Date): number | null {
  const key = code.trim().toUpperCase();
  const row = db
    .update(webSignInCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(webSignInCodes.code, secretHash(key)),
        isNull(webSignInCodes.usedAt),
        gt(webSignInCodes.expiresAt, now),
      ),
    )
    .returning({ userId: webSignInCodes.userId })
    .get();
  return row?.userId ?? null;
}

/** Whether `/start code` would redeem an invite now (the bot's handler then redeems it for real). */
export function inviteIsOpen(db: Db, code: string, now: Date): boolean {
  const row = db
    .select({ code: invites.code })
    .from(invites)
    .where(
      and(eq(invites.code, code.trim().toUpperCase()), isNull(invites.usedAt), gt(invites.expiresAt, now)),
    )
    .get();
  return row !== undefined;
}
