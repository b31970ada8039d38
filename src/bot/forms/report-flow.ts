import type { Db } from '../../db/client.js';
import type { Actor } from '../../db/repositories/audit.js';
import { endForm } from '../../db/repositories/forms.js';
import { inTransaction } from '../../db/tx.js';
import type { ReportKind } from '../../domain/report-kinds.js';
import type { ReportContext } from '../../forms/common/figures.js';
import type { UnitChoice, UnitsContext } from '../../forms/common/units.js';
import type { FormDef, FormState, Values } from '../../forms/types.js';
import type { BotContext } from '../context.js';
import { M } from '../messages.js';
import { reportContext } from './report-context.js';
import type { FormFlow } from './runner.js';

/** A form /baocao offers: its kind decides which of the user's units it is for. */
export interface ReportFlow<C extends UnitsContext = UnitsContext> extends FormFlow<C> {
  kind: ReportKind;
  /** Why the form cannot start now (no documents yet, no figures to copy); null when it can. */
  blocked?(formCtx: C): string | null;
}

export const actorOf = (ctx: BotContext): Actor & { id: number } => ({
  id: ctx.from?.id ?? 0,
  label: ctx.from?.username ?? ctx.from?.first_name ?? '',
});

/**
 * Runs `save` in one transaction with ending the form, so a second "Xác nhận" saves nothing; and only
 * while the user still may report for the unit (roles are re-read for every update).
 */
export function guardedSave<T>(
  ctx: BotContext,
  key: string,
  state: FormState,
  units: UnitChoice[],
  unitId: number,
  save: (unit: UnitChoice) => T,
): T | 'already' | 'no_right' {
  const { db } = ctx.deps;
  return inTransaction(db, () => {
    if (!endForm(db, key, state.token)) return 'already' as const;
    const unit = units.find((u) => u.id === unitId);
    return unit ? save(unit) : ('no_right' as const);
  });
}

/** The press that pressed "Xác nhận" gets a short notice; a refusal shows as an alert, then as a message too. */
export async function notePress(ctx: BotContext, text: string, alert = false): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCbQuery(text, alert ? { show_alert: true } : {});
}

/** A save that did not happen: saved already (a second "Xác nhận"), or the right to report for the unit is gone. */
export async function refuseSave(ctx: BotContext, outcome: 'already' | 'no_right'): Promise<void> {
  const why = outcome === 'already' ? M.form.alreadySaved : M.form.lostRight;
  await notePress(ctx, why, outcome === 'no_right');
  await ctx.reply(why);
}

export interface Filing {
  db: Db;
  unit: UnitChoice;
  formCtx: ReportContext;
  actor: Actor;
  now: Date;
}

/** A report kind whose "Xác nhận" saves one row; `save` returns the confirmation the user reads. */
export function filedFlow(
  kind: ReportKind,
  def: FormDef<ReportContext>,
  save: (values: Values, f: Filing) => string,
  blocked?: (formCtx: ReportContext) => string | null,
): ReportFlow<ReportContext> {
  return {
    kind,
    def,
    blocked,
    context: (ctx, userId, meta) => reportContext(ctx, userId, kind, meta),
    async submit(ctx, key, state, values, formCtx) {
      const { db, now } = ctx.deps;
      const outcome = guardedSave(ctx, key, state, formCtx.units, Number(values.unit), (unit) =>
        save(values, { db, unit, formCtx, actor: actorOf(ctx), now: now() }),
      );
      ctx.step = `form:${def.id}:${outcome === 'already' || outcome === 'no_right' ? outcome : 'saved'}`;
      if (outcome === 'already' || outcome === 'no_right') return refuseSave(ctx, outcome);
      await notePress(ctx, M.form.savedNotice);
      await ctx.reply(outcome);
    },
  };
}
