import { endForm } from '../../db/repositories/forms.js';
import { createUnit, updateUnit } from '../../db/repositories/unit-admin.js';
import { getUnit, getUnitByCode } from '../../db/repositories/units.js';
import { inTransaction } from '../../db/tx.js';
import type { Kind } from '../../domain/unit-kinds.js';
import { formatDate } from '../../domain/vn.js';
import type { FormDef, Values } from '../../forms/types.js';
import {
  closeUnitForm,
  kindOf,
  newUnitForm,
  renameUnitForm,
  type UnitAdminContext,
} from '../../forms/unit-admin.js';
import { type BotContext, todayOf } from '../context.js';
import { M } from '../messages.js';
import { mayAdminister } from '../scope.js';
import type { FormFlow } from './runner.js';

/** The unit a form is about travels in the form's meta; every step re-reads it and the user's right to it. */
function context(ctx: BotContext, meta: Values): UnitAdminContext {
  const { db } = ctx.deps;
  const unit = getUnit(db, Number(meta.unitId ?? 0));
  return {
    today: todayOf(ctx.deps),
    unit: unit
      ? { id: unit.id, name: unit.name, kind: unit.kind as Kind, validFrom: unit.validFrom }
      : { id: 0, name: '?', kind: 'chi_bo', validFrom: '9999-12-31' },
    codeTaken: (code) => getUnitByCode(db, code) !== null,
    unitIdByCode: (code) => getUnitByCode(db, code)?.id ?? null,
  };
}

type Save = (ctx: BotContext, formCtx: UnitAdminContext, values: Values) => string;

function adminFlow(def: FormDef<UnitAdminContext>, save: Save): FormFlow<UnitAdminContext> {
  return {
    def,
    context: (ctx, _userId, meta = {}) => context(ctx, meta),
    async submit(ctx, key, state, values, formCtx) {
      const { db } = ctx.deps;
      const outcome = inTransaction(db, () => {
        if (!endForm(db, key, state.token)) return M.form.alreadySaved;
        if (!mayAdminister(ctx, formCtx.unit.id)) return M.admin.notAllowed;
        return save(ctx, formCtx, values);
      });
      await ctx.reply(outcome);
    },
  };
}

const actor = (ctx: BotContext) => ({
  id: ctx.from?.id ?? null,
  label: ctx.from?.username ?? ctx.from?.first_name ?? '',
});

export const ADMIN_FLOWS = [
  adminFlow(newUnitForm, (ctx, c, v) => {
    const unit = createUnit(
      ctx.deps.db,
      {
        code: String(v.code),
        name: String(v.name),
        kind: kindOf(v),
        parentId: c.unit.id,
        validFrom: String(v.validFrom),
      },
      actor(ctx),
      ctx.deps.now(),
    );
    return M.admin.created(unit.name, unit.code, c.unit.name);
  }),
  adminFlow(renameUnitForm, (ctx, c, v) => {
    updateUnit(ctx.deps.db, c.unit.id, { name: String(v.name) }, actor(ctx), ctx.deps.now());
    return M.admin.renamed(c.unit.name, String(v.name));
  }),
  adminFlow(closeUnitForm, (ctx, c, v) => {
    const successorId = typeof v.successor === 'string' ? c.unitIdByCode(v.successor.toUpperCase()) : null;
    updateUnit(
      ctx.deps.db,
      c.unit.id,
      { validTo: String(v.validTo), successorId },
      actor(ctx),
      ctx.deps.now(),
    );
    return M.admin.closed(c.unit.name, formatDate(String(v.validTo)));
  }),
];

export const flowById = (id: string) => ADMIN_FLOWS.find((f) => f.def.id === id);
