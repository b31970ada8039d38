import { Markup } from 'telegraf';
import type { BotContext } from '../context.js';
import { M } from '../messages.js';
import { pickReport } from './baocao-kind.js';

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

/** First which kind of report (only those that apply to the user's units; one opens at once). */
export const startReport = (ctx: BotContext): Promise<void> => pickReport(ctx);
