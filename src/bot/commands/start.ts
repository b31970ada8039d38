import { redeemInvite } from '../../db/repositories/invites.js';
import { membershipsOf } from '../../db/repositories/members.js';
import { formatWait } from '../../domain/vn.js';
import { type BotContext, todayOf } from '../context.js';
import { M, ROLE_NAMES } from '../messages.js';
import { START_REPORT, startReport } from './baocao.js';
import { onFormLink } from './baocao-kind.js';
import { sendHelp } from './trogiup.js';

export async function onStart(ctx: BotContext, payload: string): Promise<void> {
  const user = ctx.from;
  if (!user || ctx.chat?.type !== 'private') return;
  const code = payload.trim();
  if (code === START_REPORT) return startReport(ctx);
  if (await onFormLink(ctx, code)) return;
  if (code !== '') return redeem(ctx, code);
  const roles = membershipsOf(ctx.deps.db, user.id, todayOf(ctx.deps));
  if (roles.length === 0) return void (await ctx.reply(M.start.howToJoin));
  const list = roles.map((m) => `${ROLE_NAMES[m.role]} của ${m.unitName}`).join('; ');
  await sendHelp(ctx, M.start.welcomeBack(user.first_name, list));
}

async function redeem(ctx: BotContext, code: string): Promise<void> {
  const user = ctx.from;
  if (!user) return;
  const { db, now, logger } = ctx.deps;
  // One key per person, whichever channel: the web page's sessions are the same user id.
  const key = String(user.id);
  const wait = ctx.limits.invites.begin(key, now().getTime());
  if (wait > 0) {
    ctx.step = 'start:invite:locked';
    logger.warn({ user: user.id, waitMs: wait }, 'invite code refused: too many wrong codes');
    return void (await ctx.reply(M.start.tooManyTries(formatWait(wait))));
  }
  const tgUser = {
    id: user.id,
    firstName: user.first_name,
    lastName: user.last_name,
    username: user.username,
  };
  // Begun, redeemed and ended without an await in between: nothing can slip past the count.
  const r = redeemInvite(db, code, tgUser, now(), ctx.deps.timeZone);
  const tries = ctx.limits.invites.end(key, now().getTime(), !r.ok);
  ctx.step = `start:invite:${r.ok ? 'ok' : r.reason}`;
  if (!r.ok) {
    const repeated = tries.recent > 1 || tries.lockedMs > 0;
    logger[repeated ? 'warn' : 'info'](
      { user: user.id, reason: r.reason, failures: tries.recent, lockedMs: tries.lockedMs },
      'invite code not redeemed',
    );
    return void (await ctx.reply(M.start.inviteErrors[r.reason]));
  }
  await sendHelp(ctx, M.start.welcome(user.first_name, r.unit.name, r.role));
}
