import { Markup } from 'telegraf';
import { deadlineRules } from '../../db/repositories/deadline-settings.js';
import { programmeForYear, programmeTargetsOf } from '../../db/repositories/programmes.js';
import { type Progress, progress } from '../../db/repositories/progress.js';
import { childrenValidIn, getUnit, getUnitByCode } from '../../db/repositories/units.js';
import type { Programme } from '../../db/schema.js';
import { emptyRaw, evaluate, fraction } from '../../domain/indicators.js';
import { describeSpan, parseProgressArgs, spanDates, type YearSpan } from '../../domain/period.js';
import { byUnitMessage, progressMessage, splitMessage } from '../../domain/progress-format.js';
import { renderProgressChart } from '../../render/progress-chart.js';
import { type BotContext, todayOf } from '../context.js';
import { M } from '../messages.js';
import { mayView, viewScope } from '../scope.js';

type View = 'v' | 'u' | 'c';

interface Question {
  /** 0: every tree (ADMIN_IDS only). */
  unitId: number;
  span: YearSpan;
  view: View;
}

/** `/tiendo [năm|năm-năm] [MÃ_ĐƠN_VỊ]`. */
export async function onProgress(ctx: BotContext, args: string): Promise<void> {
  const thisYear = Number(todayOf(ctx.deps).slice(0, 4));
  const parsed = parseProgressArgs(args, thisYear);
  if (!parsed.ok) return void (await ctx.reply(`${parsed.error}\n\n${M.progress.usage}`));
  const scope = viewScope(ctx);
  if (scope.roots.length === 0 && !scope.everything) return void (await ctx.reply(M.noRole));
  let unitId = scope.everything && scope.roots.length !== 1 ? 0 : (scope.roots[0]?.id ?? 0);
  if (parsed.value.unitCode) {
    const unit = getUnitByCode(ctx.deps.db, parsed.value.unitCode);
    if (!unit || !mayView(ctx, scope, unit.id)) {
      return void (await ctx.reply(M.progress.notInScope(parsed.value.unitCode)));
    }
    unitId = unit.id;
  }
  const span = parsed.value.span ?? { from: thisYear, to: thisYear };
  await answer(ctx, { unitId, span, view: 'v' });
}

/** `t:<view>:<unitId>:<fromYear>:<toYear>`, re-checked: the button may be old or forged. */
export async function onProgressButton(ctx: BotContext, data: string): Promise<void> {
  const m = /^t:([vuc]):(\d+):(\d{4}):(\d{4})$/.exec(data);
  const q = m && { view: m[1] as View, unitId: Number(m[2]), span: { from: Number(m[3]), to: Number(m[4]) } };
  if (!q || q.span.from > q.span.to || !mayView(ctx, viewScope(ctx), q.unitId)) {
    return void (await ctx.answerCbQuery(M.progress.notAllowed, { show_alert: true }));
  }
  await ctx.answerCbQuery();
  await answer(ctx, q);
}

function unitName(ctx: BotContext, unitId: number): string {
  return unitId === 0 ? M.progress.everything : (getUnit(ctx.deps.db, unitId)?.name ?? '?');
}

function rootsOf(ctx: BotContext, unitId: number): number[] {
  return unitId === 0 ? viewScope(ctx).roots.map((r) => r.id) : [unitId];
}

async function answer(ctx: BotContext, q: Question): Promise<void> {
  const { db } = ctx.deps;
  const programme = programmeForYear(db, q.span.to);
  const targets = programme ? programmeTargetsOf(db, programme.id) : {};
  const p = progress(db, {
    rootIds: rootsOf(ctx, q.unitId),
    ...spanDates(q.span),
    actionPlanDays: deadlineRules(db).actionPlanDays,
  });
  const title = programme?.code ? `Đề án ${programme.code.replace(/^Đề án\s*/, '')}` : M.progress.noProgramme;
  const header = `${unitName(ctx, q.unitId)} · ${describeSpan(q.span)}`;
  ctx.step = `tiendo:${q.view}`;
  const keyboard = buttons(ctx, q, programme);
  if (q.view === 'c') {
    const png = renderProgressChart({
      title: `Tiến độ ${title}`,
      subtitle: header,
      rows: evaluate(p.total, targets).map((r) => ({ ...r, label: r.name, fraction: fraction(r) })),
    });
    await ctx.replyWithPhoto(
      { source: png, filename: 'tien-do.png' },
      { caption: `📊 ${title}\n${header}`, ...keyboard },
    );
    return;
  }
  const text =
    q.view === 'u'
      ? byUnitMessage(`🏢 ${title}: theo đơn vị trực thuộc\n${header}`, standings(ctx, q, p, targets))
      : progressMessage({
          programme: title,
          unitName: unitName(ctx, q.unitId),
          period: describeSpan(q.span),
          results: evaluate(p.total, targets),
          counters: p.counters,
        });
  const parts = splitMessage(text);
  for (const [i, part] of parts.entries()) await ctx.reply(part, i === parts.length - 1 ? keyboard : {});
}

function standings(ctx: BotContext, q: Question, p: Progress, targets: Parameters<typeof evaluate>[1]) {
  const { from, to } = spanDates(q.span);
  const children =
    q.unitId === 0
      ? viewScope(ctx).roots
      : childrenValidIn(ctx.deps.db, q.unitId, from, to).map((u) => ({ id: u.id, name: u.name }));
  return children.map((c) => ({
    unitName: c.name,
    results: evaluate(p.buckets.get(c.id) ?? emptyRaw(), targets),
  }));
}

function buttons(ctx: BotContext, q: Question, programme: Programme | null) {
  const thisYear = Number(todayOf(ctx.deps).slice(0, 4));
  const at = (view: View, from: number, to: number) => `t:${view}:${q.unitId}:${from}:${to}`;
  const periods = [
    Markup.button.callback(M.progress.thisYear, at(q.view === 'c' ? 'v' : q.view, thisYear, thisYear)),
    Markup.button.callback(
      M.progress.lastYear,
      at(q.view === 'c' ? 'v' : q.view, thisYear - 1, thisYear - 1),
    ),
  ];
  if (programme) {
    const [a, b] = [
      Number(programme.periodFrom.slice(0, 4)),
      Math.min(thisYear, Number(programme.periodTo.slice(0, 4))),
    ];
    periods.push(Markup.button.callback(M.progress.wholeProgramme, at(q.view === 'c' ? 'v' : q.view, a, b)));
  }
  const views = [
    q.view === 'u'
      ? Markup.button.callback(M.progress.overall, at('v', q.span.from, q.span.to))
      : Markup.button.callback(M.progress.byUnit, at('u', q.span.from, q.span.to)),
    Markup.button.callback(M.progress.chart, at('c', q.span.from, q.span.to)),
  ];
  return Markup.inlineKeyboard([periods, views]);
}
