import { Markup } from 'telegraf';
import { programmeForYear, programmeTargetsOf } from '../../db/repositories/programmes.js';
import type { Progress } from '../../db/repositories/progress.js';
import { getUnit } from '../../db/repositories/units.js';
import type { Programme } from '../../db/schema.js';
import { evaluate } from '../../domain/indicators.js';
import { CAPTION_MAX, clip, pageOf } from '../../domain/pages.js';
import { describeSpan, spanError, type YearSpan } from '../../domain/period.js';
import { byUnitBlocks, chartRow, progressMessage } from '../../domain/progress-format.js';
import { progressOf, standingRows } from '../../services/standings.js';
import { type BotContext, thisYearOf, todayOf } from '../context.js';
import { M } from '../messages.js';
import { keyboardOf, pageButtons, showPage, turnedTo } from '../pager.js';
import { askedScope } from '../period-scope.js';
import { mayView, viewScope } from '../scope.js';

type View = 'v' | 'u' | 'c';

interface Question {
  /** 0: every tree (ADMIN_IDS only). */
  unitId: number;
  span: YearSpan;
  view: View;
  /** The page of the by-unit list. */
  page: number;
}

/** `/tiendo [năm|năm-năm] [MÃ_ĐƠN_VỊ]`. */
export async function onProgress(ctx: BotContext, args: string): Promise<void> {
  const asked = askedScope(ctx, args, 'tiendo', M.progress);
  if (!asked.ok) return void (await ctx.reply(asked.reply));
  const unitId = asked.rootIds.length === 1 ? (asked.rootIds[0] ?? 0) : 0;
  await answer(ctx, { unitId, span: asked.span, view: 'v', page: 0 }, false);
}

/**
 * `t:<view>:<unitId>:<fromYear>:<toYear>[:<page>]`, re-checked: the button may be old or forged. With a page it
 * turns the by-unit list's page in the same message; without (older buttons too), it answers anew, page 1.
 */
export async function onProgressButton(ctx: BotContext, data: string): Promise<void> {
  const m = /^t:([vuc]):(\d+):(\d{4}):(\d{4})(?::(\d+))?$/.exec(data);
  const turned = turnedTo(m?.[5]);
  const q = m && {
    view: m[1] as View,
    unitId: Number(m[2]),
    span: { from: Number(m[3]), to: Number(m[4]) },
    page: turned ?? 0,
  };
  if (!q || !mayView(ctx, viewScope(ctx), q.unitId)) {
    return void (await ctx.answerCbQuery(M.progress.notAllowed, { show_alert: true }));
  }
  const outOfBounds = spanError(q.span, thisYearOf(ctx.deps));
  if (outOfBounds) return void (await ctx.answerCbQuery(outOfBounds, { show_alert: true }));
  await ctx.answerCbQuery();
  await answer(ctx, q, turned !== null);
}

function unitName(ctx: BotContext, unitId: number): string {
  return unitId === 0 ? M.progress.everything : (getUnit(ctx.deps.db, unitId)?.name ?? '?');
}

function rootsOf(ctx: BotContext, unitId: number): number[] {
  return unitId === 0 ? viewScope(ctx).roots.map((r) => r.id) : [unitId];
}

async function answer(ctx: BotContext, q: Question, turned: boolean): Promise<void> {
  const { db } = ctx.deps;
  const programme = programmeForYear(db, q.span.to);
  const targets = programme ? programmeTargetsOf(db, programme.id) : {};
  const p = progressOf(db, rootsOf(ctx, q.unitId), q.span, todayOf(ctx.deps));
  const title = programme?.code ? `Đề án ${programme.code.replace(/^Đề án\s*/, '')}` : M.progress.noProgramme;
  const header = `${unitName(ctx, q.unitId)} · ${describeSpan(q.span)}`;
  ctx.step = `tiendo:${q.view}`;
  const rows = buttons(ctx, q, programme);
  if (q.view === 'c') {
    // Loaded on first use, as /xuat's exceljs: resvg's native module costs every start of the bot otherwise.
    const { renderProgressChart } = await import('../../render/progress-chart.js');
    const png = renderProgressChart({
      title: `Tiến độ ${title}`,
      subtitle: header,
      rows: evaluate(p.total, targets).map(chartRow),
    });
    await ctx.replyWithPhoto(
      { source: png, filename: 'tien-do.png' },
      { caption: clip(`📊 ${title}\n${header}`, CAPTION_MAX), ...keyboardOf(rows) },
    );
    return;
  }
  if (q.view === 'v') {
    const text = progressMessage({
      programme: title,
      unitName: unitName(ctx, q.unitId),
      period: describeSpan(q.span),
      results: evaluate(p.total, targets),
      counters: p.counters,
    });
    return void (await ctx.reply(text, keyboardOf(rows)));
  }
  // Worst first, a page at a time: a province's 126 communes do not fit one message.
  const blocks = byUnitBlocks(standings(ctx, q, p, targets));
  const page = pageOf(`🏢 ${title}: theo đơn vị trực thuộc\n${header}`, blocks, (b) => b, q.page);
  const at = (i: number) => `t:u:${q.unitId}:${q.span.from}:${q.span.to}:${i}`;
  await showPage(ctx, page.text, keyboardOf([pageButtons(page, at), ...rows]), turned);
}

function standings(ctx: BotContext, q: Question, p: Progress, targets: Parameters<typeof evaluate>[1]) {
  const roots = q.unitId === 0 ? viewScope(ctx).roots : [];
  return standingRows(ctx.deps.db, p, q.unitId, q.span, roots).map((r) => ({
    unitName: r.own ? M.progress.ownLevel(r.name) : r.name,
    results: evaluate(r.raw, targets),
  }));
}

function buttons(ctx: BotContext, q: Question, programme: Programme | null) {
  const thisYear = thisYearOf(ctx.deps);
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
  return [periods, views, ...dashboardButton(ctx, q)];
}

/**
 * "📊 Mở bảng theo dõi": the dashboard for the same unit and years (docs/architecture.md, "Dashboard"). Telegram
 * opens only https Mini Apps, and web_app buttons only in private chats; a group gets a plain link.
 */
function dashboardButton(ctx: BotContext, q: Question) {
  const base = ctx.deps.webUrl;
  if (!base?.startsWith('https://')) return [];
  const unit = q.unitId === 0 ? '' : `unit=${q.unitId}&`;
  const url = `${base.endsWith('/') ? base : `${base}/`}dashboard?${unit}from=${q.span.from}&to=${q.span.to}`;
  const button =
    ctx.chat?.type === 'private'
      ? Markup.button.webApp(M.progress.dashboard, url)
      : Markup.button.url(M.progress.dashboard, url);
  return [[button]];
}
