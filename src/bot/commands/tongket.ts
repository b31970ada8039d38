import { summaryReport } from '../../services/summary.js';
import { type BotContext, todayOf } from '../context.js';
import { M } from '../messages.js';
import { askedScope } from '../period-scope.js';

/**
 * `/tongket [năm|năm-năm] [MÃ_ĐƠN_VỊ]`: the summary report for the same units /tiendo shows, as a
 * message and as a Word document. The message has a fixed shape (three sections, seven goals): it fits one
 * message whatever the scope or the period (test/e2e/province-progress.test.ts measures the worst case).
 */
export async function onSummary(ctx: BotContext, args: string): Promise<void> {
  const asked = askedScope(ctx, args, 'tongket', M.summary);
  if (!asked.ok) return void (await ctx.reply(asked.reply));
  ctx.step = 'tongket';
  const report = summaryReport(ctx.deps.db, {
    rootIds: asked.rootIds,
    name: M.progress.everything,
    span: asked.span,
    today: todayOf(ctx.deps),
  });
  await ctx.reply(report.message);
  // Loaded on first use, like exceljs for /xuat: not on every start of the bot.
  const { renderSummaryDocx } = await import('../../render/summary-docx.js');
  const docx = await renderSummaryDocx(report.document);
  await ctx.replyWithDocument({ source: docx, filename: report.filename }, { caption: M.summary.caption });
}
