import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { dueItems } from '../../db/repositories/due-items.js';
import { getUnit } from '../../db/repositories/units.js';
import { daysLeft } from '../../domain/deadlines.js';
import { dueBlocks, dueListData, dueSections, parseDueListData } from '../../domain/due-list.js';
import { clip, MESSAGE_MAX, pageOf } from '../../domain/pages.js';
import { addDaysIso } from '../../domain/vn.js';
import { formButton } from '../../telegram/delivery.js';
import { type BotContext, todayOf } from '../context.js';
import { M } from '../messages.js';
import { keyboardOf, pageButtons, showPage } from '../pager.js';
import { mayView, viewScope } from '../scope.js';

/** What /nhacviec shows ahead: items due within this many days, and everything overdue. */
const AHEAD_DAYS = 30;
/** Buttons that open a form for the user's own units' items on the page shown. */
const MAX_FORM_BUTTONS = 10;

interface Ask {
  /** 0: the user's whole scope. */
  unitId: number;
  page: number;
  /** Edit the pressed message (the list's own page buttons) instead of sending a new one. */
  edit: boolean;
}

/** `/nhacviec`: the user's upcoming and overdue items; a leader's whole subtree, worst unit first, page by page. */
export async function onDueList(ctx: BotContext): Promise<void> {
  await showDue(ctx, { unitId: 0, page: 0, edit: false });
}

/** `n:<unitId>:<page>[:e]` (pages, a digest's detail buttons), re-checked: the button may be old or forged. */
export async function onDueButton(ctx: BotContext, data: string): Promise<void> {
  const ask = parseDueListData(data);
  const scope = viewScope(ctx);
  if (!ask || (ask.unitId !== 0 && !mayView(ctx, scope, ask.unitId)))
    return void (await ctx.answerCbQuery(M.progress.notAllowed, { show_alert: true }));
  await showDue(ctx, ask, scope);
}

async function showDue(ctx: BotContext, ask: Ask, scope = viewScope(ctx)): Promise<void> {
  if (scope.roots.length === 0 && !scope.everything) return void (await ctx.reply(M.noRole));
  const { db } = ctx.deps;
  const today = todayOf(ctx.deps);
  const { entries, units } = dueItems(db, {
    today,
    horizon: addDaysIso(today, AHEAD_DAYS),
    rootIds: ask.unitId !== 0 ? [ask.unitId] : scope.everything ? null : scope.roots.map((r) => r.id),
  });
  const soon = entries.filter((e) => daysLeft(e.item.deadline, today) <= AHEAD_DAYS);
  ctx.step = `nhacviec:${soon.length}`;
  if (soon.length === 0) return void (await ctx.reply(M.due.nothing(AHEAD_DAYS)));
  const sections = dueSections(soon, (id) => units.get(id)?.name ?? '?', today);
  const where =
    ask.unitId !== 0
      ? (getUnit(db, ask.unitId)?.name ?? '?')
      : scope.roots.map((r) => r.name).join(', ') || M.progress.everything;
  const header = M.due.header(clip(where, 200), AHEAD_DAYS, soon.length, sections.length);
  const blocks = dueBlocks(sections, today, MESSAGE_MAX - header.length - 100);
  const page = pageOf(header, blocks, (b) => b.text, ask.page);
  // Buttons for the items of the units the user files for, on this page (the first few, most urgent first).
  const own = new Set(scope.roots.map((r) => r.id));
  const shown = new Set(page.items.map((b) => b.unitId));
  const button = formButton(ctx.botInfo?.username ?? null);
  const rows: InlineKeyboardButton.CallbackButton[][] = sections
    .filter((s) => shown.has(s.unitId) && own.has(s.unitId))
    .flatMap((s) => s.entries)
    .slice(0, MAX_FORM_BUTTONS)
    .flatMap((e) => {
      const b = button(e.item, e.title, false);
      return b?.data ? [[Markup.button.callback(b.label, b.data)]] : [];
    });
  rows.push(pageButtons(page, (i) => dueListData(ask.unitId, i, true)));
  await showPage(ctx, page.text, keyboardOf(rows), ask.edit);
}
