import { membershipsOf } from '../../db/repositories/members.js';
import { DEADLINE_USAGE, deadlineCommand } from '../../services/deadlines.js';
import type { Outcome } from '../../services/outcome.js';
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

type Service = (
  db: BotContext['deps']['db'],
  args: string[],
  actor: { id: number | null; label: string },
  now: Date,
) => Outcome;

/** An administrator's command: the same service as the CLI's, its answer as the reply. */
async function administer(
  ctx: BotContext,
  name: string,
  payload: string,
  service: Service,
  usageLine: string,
) {
  if (!isAdministrator(ctx)) return void (await ctx.reply(M.adminOnly));
  const user = ctx.from;
  const actor = { id: user?.id ?? null, label: user?.username ?? user?.first_name ?? '' };
  const args = payload.trim().split(/\s+/).filter(Boolean);
  const r = service(ctx.deps.db, args, actor, ctx.deps.now());
  ctx.step = `${name}:${args[0] ?? ''}:${r.ok ? 'ok' : 'refused'}`;
  await ctx.reply(r.ok || !r.usage ? r.text : `${r.text}\n\nCách dùng: /${name} ${usageLine}`);
}

/** `/dean`, `/dean them MÃ 2023-2027 Tên`, `/dean muctieu MÃ 2 95`. */
export const onProgrammes = (ctx: BotContext, payload: string) =>
  administer(ctx, 'dean', payload, programmeCommand, PROGRAMME_USAGE);

/** `/hanchot`, `/hanchot dat songay 45`, `/hanchot vanban 01-CT/TW 31/03/2026`. */
export const onDeadlines = (ctx: BotContext, payload: string) =>
  administer(ctx, 'hanchot', payload, deadlineCommand, DEADLINE_USAGE);
