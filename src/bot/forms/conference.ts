import {
  createConferenceReport,
  getConferenceReport,
  updateConferenceReport,
} from '../../db/repositories/conference-reports.js';
import { documentsByNumber, getDocuments, recentDocuments } from '../../db/repositories/documents.js';
import { latestFigures } from '../../db/repositories/figures.js';
import { endForm } from '../../db/repositories/forms.js';
import { groupsOfUnit } from '../../db/repositories/group-links.js';
import { reportingUnits } from '../../db/repositories/members.js';
import { inTransaction } from '../../db/tx.js';
import { canChangeReport } from '../../domain/reports.js';
import { foldVietnamese } from '../../domain/vn.js';
import {
  type ConferenceContext,
  conferenceReportForm,
  toConferenceReport,
} from '../../forms/conference-report.js';
import { type BotContext, todayOf } from '../context.js';
import { M } from '../messages.js';
import type { FormFlow } from './runner.js';

/** How many documents the form offers as buttons; older ones are typed by number. */
const DOCUMENT_BUTTONS = 8;

function context(ctx: BotContext, userId: number): ConferenceContext {
  const { db } = ctx.deps;
  const today = todayOf(ctx.deps);
  return {
    today,
    units: reportingUnits(db, userId, today).map((m) => ({
      id: m.unitId,
      name: m.unitName,
      validFrom: m.validFrom,
      validTo: m.validTo,
    })),
    recentDocuments: recentDocuments(db, DOCUMENT_BUTTONS),
    documentsByIds: (ids) => getDocuments(db, ids),
    documentsByNumber: (n) => documentsByNumber(db, n),
    // `35-nq/tw`, `12-qd/tw`: the number finds the candidates, the folded code picks among them.
    documentsByCode: (code) =>
      documentsByNumber(db, Number.parseInt(code, 10)).filter(
        (d) => foldVietnamese(d.code) === foldVietnamese(code),
      ),
    eligibleFor: (unitId, onDate) => {
      const f = latestFigures(db, unitId, onDate);
      return f ? f.partyMembers - f.exemptMembers : null;
    },
  };
}

export const conferenceFlow: FormFlow<ConferenceContext> = {
  def: conferenceReportForm,
  context,
  async submit(ctx, key, state, values, formCtx) {
    const { db, now } = ctx.deps;
    const user = ctx.from;
    if (!user) return;
    const report = toConferenceReport(values);
    const actor = { id: user.id, label: user.username ?? user.first_name };
    const editing = typeof state.meta.reportId === 'number' ? state.meta.reportId : null;
    const outcome = inTransaction(db, () => {
      if (!endForm(db, key, state.token)) return 'already' as const;
      if (!formCtx.units.some((u) => u.id === report.unitId)) return 'no_right' as const;
      if (editing === null) return createConferenceReport(db, report, actor, now());
      const before = getConferenceReport(db, editing);
      if (!before || !canChangeReport(before, user.id, now())) return 'stale' as const;
      updateConferenceReport(db, editing, report, actor, now());
      return editing;
    });
    if (outcome === 'already') return void (await ctx.reply(M.form.alreadySaved));
    if (outcome === 'no_right') return void (await ctx.reply(M.form.lostRight));
    if (outcome === 'stale') return void (await ctx.reply(M.form.staleReport));
    const saved = getConferenceReport(db, outcome);
    if (!saved) return;
    ctx.step = `form:${conferenceReportForm.id}:saved`;
    await ctx.reply(M.saved(saved, editing !== null));
    if (editing === null) await noticeGroups(ctx, saved);
  },
};

async function noticeGroups(ctx: BotContext, saved: NonNullable<ReturnType<typeof getConferenceReport>>) {
  for (const chatId of groupsOfUnit(ctx.deps.db, saved.unitId)) {
    // A group that removed the bot must not make the secretary's save look failed.
    await ctx.telegram.sendMessage(chatId, M.groupNotice(saved)).catch((err: unknown) => {
      ctx.deps.logger.warn({ err, chatId }, 'group notice failed');
    });
  }
}
