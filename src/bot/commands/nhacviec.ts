import { Markup } from 'telegraf';
import { deadlineRules } from '../../db/repositories/deadline-settings.js';
import { missingFacts } from '../../db/repositories/due-items.js';
import { daysLeft } from '../../domain/deadlines.js';
import { splitMessage } from '../../domain/progress-format.js';
import { type DueEntry, dueEntries, entryLine } from '../../domain/reminders.js';
import { addDaysIso } from '../../domain/vn.js';
import { formButton } from '../../telegram/delivery.js';
import { type BotContext, todayOf } from '../context.js';
import { M } from '../messages.js';
import { viewScope } from '../scope.js';

/** What /nhacviec shows ahead: items due within this many days, and everything overdue. */
const AHEAD_DAYS = 30;
const MAX_BUTTONS = 10;

/** `/nhacviec`: the user's upcoming and overdue items; a leader's whole subtree, most overdue first. */
export async function onDueList(ctx: BotContext): Promise<void> {
  const scope = viewScope(ctx);
  if (scope.roots.length === 0 && !scope.everything) return void (await ctx.reply(M.noRole));
  const { db } = ctx.deps;
  const today = todayOf(ctx.deps);
  const rules = deadlineRules(db);
  const facts = missingFacts(db, {
    today,
    since: addDaysIso(today, -(365 + rules.actionPlanDays)),
    horizon: addDaysIso(today, AHEAD_DAYS),
    rootIds: scope.everything ? null : scope.roots.map((r) => r.id),
  });
  const soon = dueEntries(facts, rules, Number(today.slice(0, 4)))
    .filter((e) => daysLeft(e.item.deadline, today) <= AHEAD_DAYS)
    .sort((a, b) => a.item.deadline.localeCompare(b.item.deadline));
  ctx.step = `nhacviec:${soon.length}`;
  if (soon.length === 0) return void (await ctx.reply(M.due.nothing(AHEAD_DAYS)));
  const byUnit = new Map<number, DueEntry[]>();
  for (const e of soon) byUnit.set(e.item.unitId, [...(byUnit.get(e.item.unitId) ?? []), e]);
  const sections = [...byUnit.entries()].map(([unitId, entries]) => {
    const name = facts.units.get(unitId)?.name ?? '?';
    return [`${name} (${entries.length}):`, ...entries.map((e) => entryLine(e, today))].join('\n');
  });
  const header = M.due.header(scope.roots.map((r) => r.name).join(', ') || M.progress.everything, AHEAD_DAYS);
  const parts = splitMessage([header, ...sections].join('\n\n'));
  // Buttons for the items of the units the user files for (the first few, most urgent first).
  const own = new Set(scope.roots.map((r) => r.id));
  const button = formButton(ctx.botInfo?.username ?? null);
  const buttons = soon
    .filter((e) => own.has(e.item.unitId))
    .slice(0, MAX_BUTTONS)
    .flatMap((e) => {
      const b = button(e.item, e.title, false);
      return b?.data ? [[Markup.button.callback(b.label, b.data)]] : [];
    });
  for (const [i, part] of parts.entries()) {
    await ctx.reply(part, i === parts.length - 1 && buttons.length > 0 ? Markup.inlineKeyboard(buttons) : {});
  }
}
