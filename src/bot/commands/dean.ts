import { membershipsOf } from '../../db/repositories/members.js';
import { PROGRAMME_USAGE, programmeCommand } from '../../services/programmes.js';
import { type BotContext, todayOf } from '../context.js';
import { M } from '../messages.js';

/** Administrators: ADMIN_IDS, or a quản trị role in some unit. */
export function isAdministrator(ctx: BotContext): boolean {
  const userId = ctx.from?.id;
  if (!userId) return false;
  if (ctx.deps.adminIds.includes(userId)) return true;
  return membershipsOf(ctx.deps.db, userId, todayOf(ctx.deps)).some((m) => m.role === 'quan_tri');
}

/** `/dean`, `/dean them MÃ 2023-2027 Tên`, `/dean muctieu MÃ 2 95`. */
export async function onProgrammes(ctx: BotContext, payload: string): Promise<void> {
  if (!isAdministrator(ctx)) return void (await ctx.reply(M.adminOnly));
  const user = ctx.from;
  const actor = { id: user?.id ?? null, label: user?.username ?? user?.first_name ?? '' };
  const args = payload.trim().split(/\s+/).filter(Boolean);
  const r = programmeCommand(ctx.deps.db, args, actor, ctx.deps.now());
  ctx.step = `dean:${args[0] ?? 'list'}:${r.ok ? 'ok' : 'refused'}`;
  await ctx.reply(r.ok || !r.usage ? r.text : `${r.text}\n\nCách dùng: /dean ${PROGRAMME_USAGE}`);
}
