import { createInvite } from '../db/repositories/invites.js';
import { getUnitByCode } from '../db/repositories/units.js';
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
  if (bot.why !== null) ctx.out(msg.getMeFailed(bot.why));
  ctx.out(msg.noBotUsername(invite.code));
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
