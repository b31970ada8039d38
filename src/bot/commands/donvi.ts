import { Markup } from 'telegraf';
import { groupOf } from '../../db/repositories/group-links.js';
import { createInvite, revokeInvite } from '../../db/repositories/invites.js';
import { getMember, revokeMember, unlinkGroup } from '../../db/repositories/unit-admin.js';
import { getUnit, getUnitByCode } from '../../db/repositories/units.js';
import { ROLES, type Role, type Unit } from '../../db/schema.js';
import { foldVietnamese } from '../../domain/vn.js';
import type { BotContext } from '../context.js';
import { flowById } from '../forms/admin-flows.js';
import { figuresFlow } from '../forms/filed-flows.js';
import { activeForm, repeatQuestion, startFlow } from '../forms/runner.js';
import { M, ROLE_NAMES } from '../messages.js';
import { turnedTo } from '../pager.js';
import { adminScope, mayAdminister } from '../scope.js';
import { adminButton, showAudit, showGroups, showInvites, showMembers, showUnit } from './donvi-pages.js';

/*
 * Administration in the chat: `/donvi [MÃ]` shows a unit with buttons to go up and down the tree, add a
 * unit below, rename or close it, invite someone, see and revoke members, unlink groups, read its audit
 * trail (`/nhatky [MÃ]`). Buttons `a:<verb>:<id>[:<arg>]` are re-checked against the user's scope on every
 * press; the lists are shown a page at a time (donvi-pages.ts).
 */

const actor = (ctx: BotContext) => ({
  id: ctx.from?.id ?? null,
  label: ctx.from?.username ?? ctx.from?.first_name ?? '',
});

/** The unit a command names (or the user's first), if the user administers it. */
function unitFromArgs(ctx: BotContext, payload: string): Unit | 'none' | 'denied' {
  const code = foldVietnamese(payload).toUpperCase().trim();
  const scope = adminScope(ctx);
  const id = code ? getUnitByCode(ctx.deps.db, code)?.id : scope.roots[0]?.id;
  if (id === undefined) return code ? 'denied' : 'none';
  const unit = getUnit(ctx.deps.db, id);
  return unit && mayAdminister(ctx, unit.id) ? unit : 'denied';
}

export async function onUnitCommand(ctx: BotContext, payload: string, view: 'unit' | 'audit'): Promise<void> {
  const unit = unitFromArgs(ctx, payload);
  if (unit === 'none') return void (await ctx.reply(M.adminOnly));
  if (unit === 'denied') return void (await ctx.reply(M.admin.notAllowed));
  await (view === 'unit' ? showUnit(ctx, unit, null) : showAudit(ctx, unit, null));
}

async function startAdminForm(ctx: BotContext, formId: string, unitId: number): Promise<void> {
  const flow = flowById(formId);
  const busy = activeForm(ctx);
  if (busy) return repeatQuestion(ctx, busy, M.form.busy);
  if (flow) await startFlow(ctx, flow, { meta: { unitId } });
}

/** The lists, a page at a time: `a:<verb>:<unitId>` opens one, `a:<verb>:<unitId>:<page>` turns its page. */
const LISTS = { v: showUnit, log: showAudit, inv: showInvites, mem: showMembers, grp: showGroups } as const;

/** `a:<verb>:<id>[:<arg>]`. */
export async function onAdminButton(ctx: BotContext, data: string): Promise<void> {
  const [, verb = '', rawId = '', arg = ''] = data.split(':');
  const id = Number(rawId);
  const { db, now } = ctx.deps;
  // Members and groups are named by their own ids: check the unit they belong to.
  const unitId =
    verb === 'rev' || verb === 'revy'
      ? (getMember(db, id)?.unitId ?? 0)
      : verb === 'unl'
        ? (groupOf(db, id)?.unitId ?? 0)
        : id;
  if (!Number.isSafeInteger(id) || !mayAdminister(ctx, unitId) || ctx.chat?.type !== 'private') {
    return void (await ctx.answerCbQuery(M.admin.notAllowed, { show_alert: true }));
  }
  await ctx.answerCbQuery();
  const unit = getUnit(db, unitId);
  if (!unit) return;
  ctx.step = `admin:${verb}`;
  if (Object.hasOwn(LISTS, verb)) return LISTS[verb as keyof typeof LISTS](ctx, unit, turnedTo(arg));
  switch (verb) {
    case 'add':
      return startAdminForm(ctx, 'don_vi_moi', unit.id);
    case 'ren':
      return startAdminForm(ctx, 'doi_ten', unit.id);
    case 'close':
      return startAdminForm(ctx, 'dong_don_vi', unit.id);
    case 'fig': {
      const busy = activeForm(ctx);
      if (busy) return repeatQuestion(ctx, busy, M.form.busy);
      return startFlow(ctx, figuresFlow, { meta: { adminUnitId: unit.id } });
    }
    case 'invr': {
      if (!(ROLES as readonly string[]).includes(arg)) return;
      const invite = createInvite(db, {
        unitId: unit.id,
        role: arg as Role,
        createdBy: ctx.from?.id ?? null,
        now: now(),
      });
      const link = `https://t.me/${ctx.botInfo.username}?start=${invite.code}`;
      return void (await ctx.reply(
        M.admin.invited(
          unit.name,
          ROLE_NAMES[arg as Role],
          link,
          invite.code,
          invite.expiresAt,
          ctx.deps.timeZone,
        ),
        Markup.inlineKeyboard([adminButton(M.admin.cancelInvite, 'invx', unit.id, invite.code)]),
      ));
    }
    case 'invx': {
      const r = revokeInvite(db, arg, actor(ctx), now(), unit.id);
      return void (await ctx.reply(r.ok ? M.admin.inviteCancelled : M.admin.inviteNotCancelled[r.reason]));
    }
    case 'rev':
      return void (await ctx.reply(
        M.admin.confirmRevoke(unit.name),
        Markup.inlineKeyboard([adminButton(M.admin.revokeYes, 'revy', id)]),
      ));
    case 'revy':
      return void (await ctx.reply(
        revokeMember(db, id, actor(ctx), now()) ? M.admin.revoked : M.admin.nothingToDo,
      ));
    case 'unl':
      return void (await ctx.reply(
        unlinkGroup(db, id, actor(ctx), now()) ? M.admin.unlinked : M.admin.nothingToDo,
      ));
  }
}
