import { getUnitByCode } from '../db/repositories/units.js';
import { parseProgressArgs, type YearSpan } from '../domain/period.js';
import { type BotContext, thisYearOf } from './context.js';
import { M } from './messages.js';
import { mayView, viewScope } from './scope.js';

export type AskedScope =
  | { ok: true; rootIds: number[]; span: YearSpan; name: string }
  | { ok: false; reply: string };

/**
 * `[năm|năm-năm] [MÃ_ĐƠN_VỊ]` as /tiendo reads it: the units the user may see (a leader their tree, a
 * secretary their unit, ADMIN_IDS every tree), or the one unit asked for if it is among them; this year
 * by default.
 */
export function askedScope(
  ctx: BotContext,
  args: string,
  command: string,
  texts: { usage: string; notInScope: (code: string) => string },
): AskedScope {
  const thisYear = thisYearOf(ctx.deps);
  const parsed = parseProgressArgs(args, thisYear, command);
  if (!parsed.ok) return { ok: false, reply: `${parsed.error}\n\n${texts.usage}` };
  const scope = viewScope(ctx);
  if (scope.roots.length === 0 && !scope.everything) return { ok: false, reply: M.noRole };
  const span = parsed.value.span ?? { from: thisYear, to: thisYear };
  const code = parsed.value.unitCode;
  if (code) {
    const unit = getUnitByCode(ctx.deps.db, code);
    if (!unit || !mayView(ctx, scope, unit.id)) return { ok: false, reply: texts.notInScope(code) };
    return { ok: true, rootIds: [unit.id], span, name: unit.name };
  }
  if (scope.everything && scope.roots.length !== 1)
    return { ok: true, rootIds: scope.roots.map((r) => r.id), span, name: M.progress.everything };
  const [root] = scope.roots;
  return { ok: true, rootIds: root ? [root.id] : [], span, name: root?.name ?? '' };
}
