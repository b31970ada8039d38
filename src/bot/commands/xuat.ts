import { describeSpan } from '../../domain/period.js';
import { fileName } from '../../export/labels.js';
import { type BotContext, todayOf } from '../context.js';
import { M } from '../messages.js';
import { askedScope } from '../period-scope.js';

/** `/xuat [năm|năm-năm] [MÃ_ĐƠN_VỊ]`: the units /tiendo shows, as an Excel workbook. */
export async function onExport(ctx: BotContext, args: string): Promise<void> {
  const asked = askedScope(ctx, args, 'xuat', M.exportXlsx);
  if (!asked.ok) return void (await ctx.reply(asked.reply));
  ctx.step = 'xuat';
  // Loaded on first use: exceljs alone adds ~0.4 s to every start of the bot.
  const { buildReportWorkbook } = await import('../../export/workbook.js');
  const xlsx = await buildReportWorkbook(ctx.deps.db, {
    rootIds: asked.rootIds,
    span: asked.span,
    today: todayOf(ctx.deps),
  });
  await ctx.replyWithDocument(
    { source: xlsx, filename: fileName(asked.span.from, asked.span.to) },
    { caption: M.exportXlsx.caption(asked.name, describeSpan(asked.span)) },
  );
}
