import { redeemInvite } from '../../db/repositories/invites.js';
import { membershipsOf } from '../../db/repositories/members.js';
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
  const { db, now } = ctx.deps;
  const tgUser = {
    id: user.id,
    firstName: user.first_name,
    lastName: user.last_name,
    username: user.username,
  };
  const r = redeemInvite(db, code, tgUser, now(), ctx.deps.timeZone);
  ctx.step = `start:invite:${r.ok ? 'ok' : r.reason}`;
  if (!r.ok) return void (await ctx.reply(M.start.inviteErrors[r.reason]));
  await sendHelp(ctx, M.start.welcome(user.first_name, r.unit.name, r.role));
}
