import { Markup } from 'telegraf';
import { membershipsOf } from '../../db/repositories/members.js';
import { isReportKind, type ReportKind } from '../../domain/report-kinds.js';
import type { UnitChoice } from '../../forms/common/units.js';
import type { Values } from '../../forms/types.js';
import { type BotContext, todayOf } from '../context.js';
import { flowOfKind, REPORT_FLOWS } from '../forms/flows.js';
import { closeAnsweredMessage } from '../forms/render.js';
import { formerUnits } from '../forms/report-context.js';
import type { ReportFlow } from '../forms/report-flow.js';
import { activeForm, repeatQuestion, startFlow } from '../forms/runner.js';
import { M } from '../messages.js';
import { KIND_LABELS, R } from '../report-messages.js';

/*
 * /baocao's first question: which kind of report. Only kinds that apply to the user's units are offered,
 * and a single one opens at once. A form is also opened directly, for one unit if given, by a button
 * `k:<kind>[:<unitId>]` or a deep link `/start f-<kind>[-<unitId>]` (e.g. a reminder's "Báo cáo ngay").
 * Both are re-checked when used: callback data and links can be old or forged.
 */

/** Callback data of a button that opens a form. */
export const formButtonData = (kind: ReportKind, unitId?: number) =>
  unitId === undefined ? `k:${kind}` : `k:${kind}:${unitId}`;

/** Deep-link payload (`t.me/<bot>?start=<payload>`) that opens a form; Telegram allows [A-Za-z0-9_-]. */
export const formStartPayload = (kind: ReportKind, unitId?: number) =>
  unitId === undefined ? `f-${kind}` : `f-${kind}-${unitId}`;

const FORM_PAYLOAD = /^f-([a-z_]+)(?:-(\d{1,12}))?$/;

/**
 * The closed units merged into the user's ("Đơn vị cũ", report-context.ts formerUnits) have a picker of their own:
 * `k:cu` opens it, `k:<kind>:cu` a form for one of them.
 */
const FORMER = 'cu';
const FORMER_META = { former: true };

/** The user's units a form is for (or their former units); an empty list when the kind applies to none. */
const unitsOf = (ctx: BotContext, userId: number, flow: ReportFlow, former = false): UnitChoice[] =>
  flow.context(ctx, userId, former ? FORMER_META : {}).units;

const flowsFor = (ctx: BotContext, userId: number, former: boolean) =>
  REPORT_FLOWS.filter((f) => unitsOf(ctx, userId, f, former).length > 0);

export async function pickReport(ctx: BotContext): Promise<void> {
  const userId = ctx.from?.id;
  if (!userId) return;
  const flows = flowsFor(ctx, userId, false);
  const hasFormer = formerUnits(ctx, userId).length > 0;
  if (flows.length === 0 && !hasFormer) {
    const hasRole = membershipsOf(ctx.deps.db, userId, todayOf(ctx.deps)).length > 0;
    return void (await ctx.reply(hasRole ? M.notReporter : M.noRole));
  }
  if (flows.length === 1 && flows[0] && !hasFormer) return openForm(ctx, flows[0]);
  const rows = flows.map((f) => [Markup.button.callback(KIND_LABELS[f.kind], formButtonData(f.kind))]);
  if (hasFormer) rows.push([Markup.button.callback(R.formerUnits, `k:${FORMER}`)]);
  await ctx.reply(R.pick, Markup.inlineKeyboard(rows));
}

/** `k:cu`: the kinds the user's former units file, in place of the picker. */
async function pickFormer(ctx: BotContext, userId: number): Promise<void> {
  const rows = flowsFor(ctx, userId, true).map((f) => [
    Markup.button.callback(KIND_LABELS[f.kind], `k:${f.kind}:${FORMER}`),
  ]);
  if (rows.length === 0) return void (await ctx.answerCbQuery(R.notForYou, { show_alert: true }));
  await ctx.editMessageText(R.pickFormer, Markup.inlineKeyboard(rows));
}

/** The flow, when the kind exists and applies to the user (and to `unitId`, when given); else why not. */
function resolve(
  ctx: BotContext,
  kind: string,
  unitId: number | undefined,
  former = false,
): ReportFlow | string {
  const userId = ctx.from?.id;
  const flow = isReportKind(kind) ? flowOfKind(kind) : undefined;
  if (!userId || !flow) return R.unknownForm;
  const units = unitsOf(ctx, userId, flow, former);
  const mine = unitId === undefined ? units.length > 0 : units.some((u) => u.id === unitId);
  return mine ? flow : R.notForYou;
}

/** `answered`: the label of the picker's button that was pressed, if any; its message then asks the first question. */
async function openForm(
  ctx: BotContext,
  flow: ReportFlow,
  unitId?: number,
  answered?: string,
  meta: Values = {},
): Promise<void> {
  const busy = activeForm(ctx);
  const why = busy ? null : flow.blocked?.(flow.context(ctx, ctx.from?.id ?? 0, meta));
  if (answered !== undefined && (busy || why)) await closeAnsweredMessage(ctx, answered);
  if (busy) return repeatQuestion(ctx, busy, M.form.busy);
  if (why) return void (await ctx.reply(why));
  const values: Values = unitId === undefined ? {} : { unit: String(unitId) };
  await startFlow(ctx, flow, { values, meta }, answered);
}

const unitArg = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : undefined);

/** A press on `k:<kind>[:<unitId>]`. */
export async function onKindButton(ctx: BotContext, kind: string, unit: string): Promise<void> {
  const userId = ctx.from?.id;
  if (kind === FORMER && userId) return pickFormer(ctx, userId);
  const former = unit === FORMER;
  const unitId = unitArg(unit);
  const flow = resolve(ctx, kind, unitId, former);
  // Checked before the buttons come off, so a stale or forged press leaves the picker as it was.
  if (typeof flow === 'string') {
    return void (await ctx.answerCbQuery(flow, { show_alert: true }).catch(() => undefined));
  }
  await openForm(ctx, flow, unitId, KIND_LABELS[flow.kind], former ? FORMER_META : {});
}

/** `/start f-<kind>[-<unitId>]`; false when the payload is not a form link. */
export async function onFormLink(ctx: BotContext, payload: string): Promise<boolean> {
  const m = FORM_PAYLOAD.exec(payload);
  if (!m) return false;
  const unitId = unitArg(m[2]);
  const flow = resolve(ctx, m[1] ?? '', unitId);
  await (typeof flow === 'string' ? ctx.reply(flow) : openForm(ctx, flow, unitId));
  return true;
}
