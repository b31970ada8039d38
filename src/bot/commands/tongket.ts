import { membershipsOf } from '../../db/repositories/members.js';
import { summaryReport } from '../../services/summary.js';
import { type BotContext, todayOf } from '../context.js';
import { M } from '../messages.js';
import { askedScope } from '../period-scope.js';

/**
 * `/tongket [năm|năm-năm] [MÃ_ĐƠN_VỊ]`: the summary report for the same units /tiendo shows, as a
 * message and as a Word document. The message has a fixed shape (three sections, seven goals): it fits one
 * message whatever the scope or the period (test/e2e/province-progress.test.ts measures the worst case).
 */
/**
 * Who signs, when known: the user asking is the secretary (bí thư) of the one unit summarised, the role that signs
 * for it as BÍ THƯ, so the document carries their name; anyone else (a leader, an administrator, a wider scope)
 * leaves the name blank to be written by hand, as `cli summary` does without --signer-name.
 */
export function signerNameFor(
  ctx: BotContext,
  rootIds: readonly number[],
  today: string,
): string | undefined {
  const [unitId] = rootIds;
  if (rootIds.length !== 1 || !ctx.from) return undefined;
  const signs = membershipsOf(ctx.deps.db, ctx.from.id, today).some(
    (m) => m.unitId === unitId && m.role === 'bi_thu',
  );
  return signs ? [ctx.from.first_name, ctx.from.last_name].filter(Boolean).join(' ') : undefined;
}

export async function onSummary(ctx: BotContext, args: string): Promise<void> {
  const asked = askedScope(ctx, args, 'tongket', M.summary);
  if (!asked.ok) return void (await ctx.reply(asked.reply));
  ctx.step = 'tongket';
  const today = todayOf(ctx.deps);
  const report = summaryReport(ctx.deps.db, {
    rootIds: asked.rootIds,
    name: M.progress.everything,
    span: asked.span,
    today,
    signer: { name: signerNameFor(ctx, asked.rootIds, today) },
  });
  await ctx.reply(report.message);
  // Loaded on first use, like exceljs for /xuat: not on every start of the bot.
  const { renderSummaryDocx } = await import('../../render/summary-docx.js');
  const docx = await renderSummaryDocx(report.document);
  await ctx.replyWithDocument({ source: docx, filename: report.filename }, { caption: M.summary.caption });
}
