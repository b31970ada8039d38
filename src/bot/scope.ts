import { adminScopeOf, scopeIncludes, type ViewScope, viewScopeOf } from '../services/scope.js';
import { type BotContext, todayOf } from './context.js';

/*
 * What the user of an update may see: src/services/scope.ts asked with the update's sender and the bot's clock
 * (the web dashboard asks the same function with its session's user).
 */

export type { ViewScope };

export const viewScope = (ctx: BotContext): ViewScope =>
  viewScopeOf(ctx.deps.db, ctx.from?.id, ctx.deps.adminIds, todayOf(ctx.deps));

/** Whether the unit is in the user's scope; 0 stands for "every tree" and needs ADMIN_IDS. */
export const mayView = (ctx: BotContext, scope: ViewScope, unitId: number): boolean =>
  scopeIncludes(ctx.deps.db, scope, unitId);

/** Units whose subtrees the user administers: as a leader or quản trị there (ADMIN_IDS: everything). */
export const adminScope = (ctx: BotContext): ViewScope =>
  adminScopeOf(ctx.deps.db, ctx.from?.id, ctx.deps.adminIds, todayOf(ctx.deps));

export const mayAdminister = (ctx: BotContext, unitId: number) =>
  unitId > 0 && mayView(ctx, adminScope(ctx), unitId);
