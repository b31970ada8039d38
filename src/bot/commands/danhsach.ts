import { Markup } from 'telegraf';
import {
  deleteConferenceReport,
  getConferenceReport,
  recentConferenceReports,
  type SavedConferenceReport,
} from '../../db/repositories/conference-reports.js';
import { reportingUnits } from '../../db/repositories/members.js';
import { canChangeReport } from '../../domain/reports.js';
import { fromConferenceReport } from '../../forms/conference-report.js';
import { type BotContext, todayOf } from '../context.js';
import { conferenceFlow } from '../forms/conference.js';
import { ignoreNotModified } from '../forms/render.js';
import { activeForm, repeatQuestion, startFlow } from '../forms/runner.js';
import { M } from '../messages.js';

const LIST_SIZE = 10;

/** `/danhsach`: the recent reports of the user's units, with buttons on those they may still change. */
export async function onList(ctx: BotContext): Promise<void> {
  const user = ctx.from;
  if (!user) return;
  const { db, now } = ctx.deps;
  const units = reportingUnits(db, user.id, todayOf(ctx.deps));
  if (units.length === 0) return void (await ctx.reply(M.noRole));
  const reports = recentConferenceReports(
    db,
    units.map((u) => u.unitId),
    LIST_SIZE,
  );
  if (reports.length === 0) return void (await ctx.reply(M.list.empty));
  const text = [
    M.list.header(units.map((u) => u.unitName).join(', ')),
    ...reports.map(M.list.line),
    '',
    M.list.footer,
  ];
  const buttons = reports
    .filter((r) => canChangeReport(r, user.id, now()))
    .map((r) => [
      Markup.button.callback(M.list.edit(r.id), `r:e:${r.id}`),
      Markup.button.callback(M.list.delete(r.id), `r:d:${r.id}`),
    ]);
  await ctx.reply(text.join('\n'), Markup.inlineKeyboard(buttons));
}

/** A report the user may change now, re-checked on every press: callback data can be forged or old. */
function changeable(ctx: BotContext, id: number): SavedConferenceReport | null {
  const user = ctx.from;
  const r = getConferenceReport(ctx.deps.db, id);
  if (!user || !r || !canChangeReport(r, user.id, ctx.deps.now())) return null;
  const mayReport = reportingUnits(ctx.deps.db, user.id, todayOf(ctx.deps)).some(
    (u) => u.unitId === r.unitId,
  );
  return mayReport ? r : null;
}

/** `r:<verb>:<id>`: e = correct, d = ask to delete, dy = delete, dn = keep. */
export async function onReportButton(ctx: BotContext, verb: string, id: number): Promise<void> {
  const r = changeable(ctx, id);
  if (!r) return void (await ctx.answerCbQuery(M.form.staleReport, { show_alert: true }));
  await ctx.answerCbQuery();
  const actor = { id: ctx.from?.id ?? 0, label: ctx.from?.username ?? ctx.from?.first_name ?? '' };
  switch (verb) {
    case 'e': {
      const busy = activeForm(ctx);
      if (busy) return repeatQuestion(ctx, busy, M.form.busy);
      return startFlow(ctx, conferenceFlow, { values: fromConferenceReport(r), meta: { reportId: r.id } });
    }
    case 'd':
      await ctx.reply(
        M.list.confirmDelete(r),
        Markup.inlineKeyboard([
          Markup.button.callback(M.list.yesDelete, `r:dy:${r.id}`),
          Markup.button.callback(M.list.noKeep, `r:dn:${r.id}`),
        ]),
      );
      return;
    case 'dy':
      deleteConferenceReport(ctx.deps.db, r.id, actor, ctx.deps.now());
      await ctx.editMessageText(M.list.deleted(r.id)).catch(ignoreNotModified);
      return;
    case 'dn':
      await ctx.editMessageText(M.list.kept).catch(ignoreNotModified);
      return;
  }
}
