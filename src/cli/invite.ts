import { CLI_ACTOR } from '../db/repositories/audit.js';
import { createInvite, revokeInvite } from '../db/repositories/invites.js';
import { getUnit, getUnitByCode } from '../db/repositories/units.js';
import { type Invite, ROLES, type Role, type Unit } from '../db/schema.js';
import { foldVietnamese, formatDate, isoDateIn } from '../domain/vn.js';
import { resolveBotUsername } from './bot-username.js';
import { type CliContext, CliError } from './context.js';
import { msg, ROLE_LABELS } from './messages.js';

/** `bi_thu`, `bi-thu`, `bithu`, `bí thư` all name the secretary. */
export function parseRole(input: string): Role | null {
  const f = foldVietnamese(input).replace(/[\s_-]+/g, '');
  return ROLES.find((r) => r.replace('_', '') === f) ?? null;
}

/** A unit that can still take members: it exists and has not been closed by a merger. */
export function openUnit(ctx: CliContext, code: string): Unit {
  const unit = getUnitByCode(ctx.db, code);
  if (!unit) throw new CliError(msg.unknownUnit(code.trim().toUpperCase()));
  if (unit.validTo !== null && unit.validTo < isoDateIn(ctx.now, ctx.timeZone))
    throw new CliError(msg.unitClosed(unit.name, formatDate(unit.validTo)));
  return unit;
}

/** Prints the code, and the t.me deep link when the bot's username is known. */
export async function printInvite(
  ctx: CliContext,
  invite: Invite,
  unit: Unit,
  reused = false,
): Promise<void> {
  const expires = formatDate(isoDateIn(invite.expiresAt, ctx.timeZone));
  ctx.out(msg.inviteCreated(ROLE_LABELS[invite.role], unit.name, invite.code, expires, reused));
  const bot = await resolveBotUsername(ctx);
  if (bot.ok) {
    ctx.out(msg.inviteLink(`https://t.me/${bot.username}?start=${invite.code}`));
    return;
  }
  if (bot.why === null && !ctx.telegram.token) {
    ctx.out(msg.noTokenForLink(invite.code));
    return;
  }
  if (bot.why !== null) ctx.out(msg.getMeFailed(bot.why));
  ctx.out(msg.noBotUsername(invite.code));
}

/** `invite huy CODE`: cancels an invite nobody has used. */
export function runUninvite(ctx: CliContext, code: string): number {
  const r = revokeInvite(ctx.db, code, CLI_ACTOR, ctx.now);
  const shown = code.trim().toUpperCase();
  const day = (d: Date | null) => (d ? formatDate(isoDateIn(d, ctx.timeZone)) : '');
  if (!r.ok && r.reason === 'not_found') throw new CliError(msg.inviteNotFound(shown));
  if (!r.ok && r.reason === 'used')
    throw new CliError(msg.inviteAlreadyUsed(shown, day(r.invite?.usedAt ?? null)));
  if (!r.ok) throw new CliError(msg.inviteAlreadyExpired(shown, day(r.invite?.expiresAt ?? null)));
  const unit = getUnit(ctx.db, r.invite.unitId);
  ctx.out(
    msg.inviteRevoked(r.invite.code, ROLE_LABELS[r.invite.role], unit?.name ?? String(r.invite.unitId)),
  );
  return 0;
}

/** `invite UNIT_CODE ROLE` */
export async function runInvite(ctx: CliContext, unitCode: string, roleInput: string): Promise<number> {
  const role = parseRole(roleInput);
  if (!role) throw new CliError(msg.unknownRole(roleInput), 2);
  const unit = openUnit(ctx, unitCode);
  const invite = createInvite(ctx.db, { unitId: unit.id, role, createdBy: null, now: ctx.now });
  await printInvite(ctx, invite, unit);
  return 0;
}
