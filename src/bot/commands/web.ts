import { upsertUser } from '../../db/repositories/members.js';
import { createWebSignInCode, WEB_CODE_MINUTES } from '../../db/repositories/web-sessions.js';
import { formatWait } from '../../domain/vn.js';
import type { BotContext } from '../context.js';
import { M } from '../messages.js';

/** `/web`: a one-time code to sign in to the web page as this same user (same id, roles and data). */
export async function onWebCode(ctx: BotContext): Promise<void> {
  const user = ctx.from;
  if (!user) return;
  if (ctx.chat?.type !== 'private') return void (await ctx.reply(M.web.privateOnly));
  const { db, now } = ctx.deps;
  // Each code is a row until it expires (pruned hourly): asking again and again must not grow the table.
  const key = String(user.id);
  const wait = ctx.limits.webCodes.waitMs(key, now().getTime());
  if (wait > 0) {
    ctx.step = 'web:too-many';
    return void (await ctx.reply(M.web.tooMany(formatWait(wait))));
  }
  ctx.limits.webCodes.hit(key, now().getTime());
  upsertUser(db, {
    id: user.id,
    firstName: user.first_name,
    lastName: user.last_name,
    username: user.username,
  });
  const { code } = createWebSignInCode(db, user.id, now());
  ctx.step = 'web:code';
  await ctx.reply(M.web.code(code, WEB_CODE_MINUTES));
}
