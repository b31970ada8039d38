import {
  createConferenceReport,
  getConferenceReport,
  pairAttendance,
  updateConferenceReport,
} from '../../db/repositories/conference-reports.js';
import { groupsOfUnit } from '../../db/repositories/group-links.js';
import { canChangeReport } from '../../domain/reports.js';
import {
  type ConferenceContext,
  conferenceReportForm,
  toConferenceReport,
} from '../../forms/conference-report.js';
import type { Values } from '../../forms/types.js';
import { groupTopics, sendToChat } from '../../telegram/delivery.js';
import type { BotContext } from '../context.js';
import { M } from '../messages.js';
import { reportContext } from './report-context.js';
import { actorOf, guardedSave, notePress, type ReportFlow, refuseSave } from './report-flow.js';

const context = (ctx: BotContext, userId: number, meta?: Values): ConferenceContext =>
  reportContext(ctx, userId, 'hoi_nghi', meta);

export const conferenceFlow: ReportFlow<ConferenceContext> = {
  kind: 'hoi_nghi',
  def: conferenceReportForm,
  context,
  blocked: (c) => (c.recentDocuments.length === 0 ? M.noDocuments : null),
  async submit(ctx, key, state, values, formCtx) {
    const { db, now } = ctx.deps;
    const user = ctx.from;
    if (!user) return;
    const report = toConferenceReport(values);
    const actor = actorOf(ctx);
    const editing = typeof state.meta.reportId === 'number' ? state.meta.reportId : null;
    const outcome = guardedSave(ctx, key, state, formCtx.units, report.unitId, () => {
      if (editing === null) return createConferenceReport(db, report, actor, now());
      const before = getConferenceReport(db, editing);
      if (!before || !canChangeReport(before, user.id, now())) return 'stale' as const;
      updateConferenceReport(db, editing, report, actor, now());
      return editing;
    });
    if (outcome === 'already' || outcome === 'no_right') return refuseSave(ctx, outcome);
    if (outcome === 'stale') {
      await notePress(ctx, M.form.staleReport, true);
      return void (await ctx.reply(M.form.staleReport));
    }
    const saved = getConferenceReport(db, outcome);
    if (!saved) return;
    ctx.step = `form:${conferenceReportForm.id}:saved`;
    await notePress(ctx, M.form.savedNotice);
    const pairs = saved.makeUp ? pairAttendance(db, saved.unitId, saved.documentIds) : [];
    await ctx.reply(M.saved(saved, editing !== null, pairs));
    if (editing === null) await noticeGroups(ctx, saved);
  },
};

async function noticeGroups(ctx: BotContext, saved: NonNullable<ReturnType<typeof getConferenceReport>>) {
  const { db, logger } = ctx.deps;
  for (const chatId of groupsOfUnit(db, saved.unitId)) {
    // In the group's topic, if it has one (docs/architecture.md, "Groups with topics"). A group that removed the
    // bot must not make the secretary's save look failed.
    await sendToChat(ctx.telegram, chatId, M.groupNotice(saved), {}, groupTopics(db), logger).catch(
      (err: unknown) => {
        ctx.deps.logger.warn({ err, chatId }, 'group notice failed');
      },
    );
  }
}
