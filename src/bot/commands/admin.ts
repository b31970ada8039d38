import { Markup } from 'telegraf';
import { latestFigures } from '../../db/repositories/figures.js';
import { groupOf } from '../../db/repositories/group-links.js';
import { createInvite, openInvitesOf, revokeInvite } from '../../db/repositories/invites.js';
import {
  getMember,
  groupsLinkedTo,
  membersOfUnit,
  revokeMember,
  unitAudit,
  unlinkGroup,
} from '../../db/repositories/unit-admin.js';
import { childrenValidIn, getUnit, getUnitByCode } from '../../db/repositories/units.js';
import { ROLES, type Role, type Unit } from '../../db/schema.js';
import { CHILD_KINDS, KIND_NAMES, type Kind } from '../../domain/unit-kinds.js';
import { foldVietnamese } from '../../domain/vn.js';
import { type BotContext, todayOf } from '../context.js';
import { flowById } from '../forms/admin-flows.js';
import { figuresFlow } from '../forms/filed-flows.js';
import { activeForm, repeatQuestion, startFlow } from '../forms/runner.js';
import { M, ROLE_NAMES } from '../messages.js';
import { adminScope, mayAdminister } from '../scope.js';

/*
 * Administration in the chat: `/donvi [MÃ]` shows a unit with buttons to go up and down the tree, add a
 * unit below, rename or close it, invite someone, see and revoke members, unlink groups, read its audit
 * trail (`/nhatky [MÃ]`). Buttons `a:<verb>:<id>` are re-checked against the user's scope on every press.
 */

const AUDIT_LINES = 20;
/** Open invites listed under "✉️ Mời" (each with its cancel button). */
const OPEN_INVITES_SHOWN = 10;

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
  await (view === 'unit' ? showUnit(ctx, unit) : showAudit(ctx, unit));
}

async function showUnit(ctx: BotContext, u: Unit): Promise<void> {
  const { db } = ctx.deps;
  const today = todayOf(ctx.deps);
  const parent = u.parentId ? getUnit(db, u.parentId) : null;
  const children = childrenValidIn(db, u.id, today, '9999-12-31');
  const f = latestFigures(db, u.id, today);
  const people = membersOfUnit(db, u.id);
  const text = M.admin.unit({
    unit: u,
    kind: KIND_NAMES[u.kind as Kind],
    parent: parent?.name ?? null,
    figures: f,
    members: people.length,
    groups: groupsLinkedTo(db, u.id).length,
    children: children.length,
  });
  const b = (label: string, verb: string, id = u.id) => Markup.button.callback(label, `a:${verb}:${id}`);
  const rows = [
    ...children.slice(0, 20).map((c) => [b(`↘️ ${c.name}`, 'v', c.id)]),
    ...(parent && mayAdminister(ctx, parent.id) ? [[b(`↖️ ${parent.name}`, 'v', parent.id)]] : []),
    [b(M.admin.invite, 'inv'), b(M.admin.members, 'mem'), b(M.admin.figures, 'fig')],
    [
      ...(CHILD_KINDS[u.kind as Kind].length > 0 ? [b(M.admin.add, 'add')] : []),
      b(M.admin.rename, 'ren'),
      b(M.admin.close, 'close'),
    ],
    [b(M.admin.groups, 'grp'), b(M.admin.audit, 'log')],
  ];
  await ctx.reply(text, Markup.inlineKeyboard(rows));
}

async function showAudit(ctx: BotContext, u: Unit): Promise<void> {
  const entries = unitAudit(ctx.deps.db, u.id, AUDIT_LINES);
  await ctx.reply(M.admin.auditTrail(u.name, entries, ctx.deps.timeZone));
}

async function startAdminForm(ctx: BotContext, formId: string, unitId: number): Promise<void> {
  const flow = flowById(formId);
  const busy = activeForm(ctx);
  if (busy) return repeatQuestion(ctx, busy, M.form.busy);
  if (flow) await startFlow(ctx, flow, { meta: { unitId } });
}

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
  switch (verb) {
    case 'v':
      return showUnit(ctx, unit);
    case 'log':
      return showAudit(ctx, unit);
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
    case 'inv': {
      // The links already sent and not yet used, so one sent to the wrong person can be cancelled here too.
      const all = openInvitesOf(db, unit.id, now());
      const open = all.slice(0, OPEN_INVITES_SHOWN);
      const tz = ctx.deps.timeZone;
      return void (await ctx.reply(
        M.admin.pickRole(
          unit.name,
          open.map((i) => ({ role: ROLE_NAMES[i.role], expires: i.expiresAt })),
          all.length,
          tz,
        ),
        Markup.inlineKeyboard([
          ...ROLES.map((r) => [Markup.button.callback(ROLE_NAMES[r], `a:invr:${unit.id}:${r}`)]),
          ...open.map((i) => [
            Markup.button.callback(
              M.admin.cancelOpenInvite(ROLE_NAMES[i.role], i.expiresAt, tz),
              `a:invx:${unit.id}:${i.code}`,
            ),
          ]),
        ]),
      ));
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
        Markup.inlineKeyboard([
          Markup.button.callback(M.admin.cancelInvite, `a:invx:${unit.id}:${invite.code}`),
        ]),
      ));
    }
    case 'invx': {
      const r = revokeInvite(db, arg, actor(ctx), now(), unit.id);
      return void (await ctx.reply(r.ok ? M.admin.inviteCancelled : M.admin.inviteNotCancelled[r.reason]));
    }
    case 'mem': {
      const people = membersOfUnit(db, unit.id);
      const rows = people.map((p) => [
        Markup.button.callback(M.admin.revokeButton(p.name, ROLE_NAMES[p.role]), `a:rev:${p.memberId}`),
      ]);
      return void (await ctx.reply(
        M.admin.memberList(unit.name, people, ROLE_NAMES),
        Markup.inlineKeyboard(rows),
      ));
    }
    case 'rev':
      return void (await ctx.reply(
        M.admin.confirmRevoke(unit.name),
        Markup.inlineKeyboard([Markup.button.callback(M.admin.revokeYes, `a:revy:${id}`)]),
      ));
    case 'revy':
      return void (await ctx.reply(
        revokeMember(db, id, actor(ctx), now()) ? M.admin.revoked : M.admin.nothingToDo,
      ));
    case 'grp': {
      const groups = groupsLinkedTo(db, unit.id);
      const rows = groups.map((g) => [
        Markup.button.callback(M.admin.unlinkButton(g.title ?? String(g.chatId)), `a:unl:${g.chatId}`),
      ]);
      return void (await ctx.reply(M.admin.groupList(unit.name, groups.length), Markup.inlineKeyboard(rows)));
    }
    case 'unl':
      return void (await ctx.reply(
        unlinkGroup(db, id, actor(ctx), now()) ? M.admin.unlinked : M.admin.nothingToDo,
      ));
  }
}
