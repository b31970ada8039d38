import { getUnitByCode } from '../../db/repositories/units.js';
import { parseProgressArgs } from '../../domain/period.js';
import { splitMessage } from '../../domain/progress-format.js';
import { summaryReport } from '../../services/summary.js';
import { type BotContext, todayOf } from '../context.js';
import { M } from '../messages.js';
import { mayView, viewScope } from '../scope.js';

/**
 * `/tongket [năm|năm-năm] [MÃ_ĐƠN_VỊ]`: the summary report for the same units /tiendo shows, as a
 * message and as a Word document.
 */
export async function onSummary(ctx: BotContext, args: string): Promise<void> {
  const today = todayOf(ctx.deps);
  const thisYear = Number(today.slice(0, 4));
  const parsed = parseProgressArgs(args, thisYear, 'tongket');
  if (!parsed.ok) return void (await ctx.reply(`${parsed.error}\n\n${M.summary.usage}`));
  const scope = viewScope(ctx);
  if (scope.roots.length === 0 && !scope.everything) return void (await ctx.reply(M.noRole));
  let rootIds =
    scope.everything && scope.roots.length !== 1
      ? scope.roots.map((r) => r.id)
      : scope.roots.slice(0, 1).map((r) => r.id);
  if (parsed.value.unitCode) {
    const unit = getUnitByCode(ctx.deps.db, parsed.value.unitCode);
    if (!unit || !mayView(ctx, scope, unit.id)) {
      return void (await ctx.reply(M.summary.notInScope(parsed.value.unitCode)));
    }
    rootIds = [unit.id];
  }
  const span = parsed.value.span ?? { from: thisYear, to: thisYear };
  ctx.step = 'tongket';
  const report = summaryReport(ctx.deps.db, { rootIds, name: M.progress.everything, span, today });
  for (const part of splitMessage(report.message)) await ctx.reply(part);
  // Loaded on first use, like exceljs for /xuat: not on every start of the bot.
  const { renderSummaryDocx } = await import('../../render/summary-docx.js');
  const docx = await renderSummaryDocx(report.document);
  await ctx.replyWithDocument({ source: docx, filename: report.filename }, { caption: M.summary.caption });
}
