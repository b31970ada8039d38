import { Markup } from 'telegraf';
import { recentDocuments } from '../../db/repositories/documents.js';
import { membershipsOf } from '../../db/repositories/members.js';
import { type BotContext, todayOf } from '../context.js';
import { conferenceFlow } from '../forms/conference.js';
import { startFlow } from '../forms/runner.js';
import { M } from '../messages.js';

/** Deep-link payload that opens the report form (from a group's button). */
export const START_REPORT = 'baocao';

/** `/baocao`: in a private chat, the guided report; in a group, a button to the private chat. */
export async function onReport(ctx: BotContext): Promise<void> {
  if (ctx.chat?.type !== 'private') {
    const link = `https://t.me/${ctx.botInfo.username}?start=${START_REPORT}`;
    await ctx.reply(
      M.group.openPrivate,
      Markup.inlineKeyboard([Markup.button.url(M.group.openPrivateButton, link)]),
    );
    return;
  }
  await startReport(ctx);
}

export async function startReport(ctx: BotContext): Promise<void> {
  const userId = ctx.from?.id;
  if (!userId) return;
  const { db } = ctx.deps;
  const formCtx = conferenceFlow.context(ctx, userId);
  if (formCtx.units.length === 0) {
    const hasRole = membershipsOf(db, userId, todayOf(ctx.deps)).length > 0;
    return void (await ctx.reply(hasRole ? M.notReporter : M.noRole));
  }
  if (recentDocuments(db, 1).length === 0) return void (await ctx.reply(M.noDocuments));
  await startFlow(ctx, conferenceFlow);
}
