import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { latestFigures } from '../../db/repositories/figures.js';
import { openInvitesOf } from '../../db/repositories/invites.js';
import { groupsLinkedTo, membersOfUnit, unitAudit, unitAuditSize } from '../../db/repositories/unit-admin.js';
import { childrenValidIn, getUnit } from '../../db/repositories/units.js';
import { ROLES, type Unit } from '../../db/schema.js';
import { clip, pageIndex, pageOf, pageTextOf } from '../../domain/pages.js';
import { CHILD_KINDS, KIND_NAMES, type Kind } from '../../domain/unit-kinds.js';
import { type BotContext, todayOf } from '../context.js';
import { M, ROLE_NAMES } from '../messages.js';
import { keyboardOf, pageButtons, showPage } from '../pager.js';
import { mayAdminister } from '../scope.js';

/*
 * What /donvi, /nhatky and their buttons list about a unit, a page at a time (docs/architecture.md, "Messages
 * that fit"): its children, open invites, members, groups, audit trail. A list's page buttons carry
 * `a:<verb>:<unitId>:<page>` and turn the page in the same message; a button or command that opens a list carries
 * no page and sends it anew.
 */

/** Items a page: each has its button, and a keyboard of 20 rows is as long as a phone shows comfortably. */
export const PER_PAGE = 20;
/** A date, a name, what changed: an audit line cut at this keeps 20 of them well within a message. */
const AUDIT_LINE_MAX = 160;

type Button = InlineKeyboardButton.CallbackButton;

/** `a:<verb>:<id>[:<arg>]`. */
export const adminButton = (label: string, verb: string, id: number, arg?: string | number): Button =>
  Markup.button.callback(label, `a:${verb}:${id}${arg === undefined ? '' : `:${arg}`}`);

interface Listed<T> {
  verb: string;
  header: string;
  items: readonly T[];
  line: (item: T) => string;
  button: (item: T) => Button;
  before?: Button[][];
  after?: Button[][];
}

/** `page`: null for a list just opened (sent anew, from page 1), a number for a page turned. */
async function showList<T>(ctx: BotContext, unit: Unit, page: number | null, list: Listed<T>): Promise<void> {
  const shown = pageOf(list.header, list.items, list.line, page ?? 0, { perPage: PER_PAGE, separator: '\n' });
  const rows = [
    ...(list.before ?? []),
    ...shown.items.map((item) => [list.button(item)]),
    pageButtons(shown, (i) => `a:${list.verb}:${unit.id}:${i}`),
    ...(list.after ?? []),
  ];
  await showPage(ctx, shown.text, keyboardOf(rows), page !== null);
}

/** The unit, its children a page at a time (a line and a button each), and what can be done with it. */
export function showUnit(ctx: BotContext, u: Unit, page: number | null): Promise<void> {
  const { db } = ctx.deps;
  const today = todayOf(ctx.deps);
  const parent = u.parentId ? getUnit(db, u.parentId) : null;
  const children = childrenValidIn(db, u.id, today, '9999-12-31');
  const text = M.admin.unit({
    unit: u,
    kind: KIND_NAMES[u.kind as Kind],
    parent: parent?.name ?? null,
    figures: latestFigures(db, u.id, today),
    members: membersOfUnit(db, u.id).length,
    groups: groupsLinkedTo(db, u.id).length,
    children: children.length,
  });
  const b = (label: string, verb: string) => adminButton(label, verb, u.id);
  return showList(ctx, u, page, {
    verb: 'v',
    header: children.length > 0 ? `${text}\n\n${M.admin.children}` : text,
    items: children,
    line: M.admin.child,
    button: (c) => adminButton(`↘️ ${c.name}`, 'v', c.id),
    after: [
      ...(parent && mayAdminister(ctx, parent.id) ? [[adminButton(`↖️ ${parent.name}`, 'v', parent.id)]] : []),
      [b(M.admin.invite, 'inv'), b(M.admin.members, 'mem'), b(M.admin.figures, 'fig')],
      [
        ...(CHILD_KINDS[u.kind as Kind].length > 0 ? [b(M.admin.add, 'add')] : []),
        b(M.admin.rename, 'ren'),
        b(M.admin.close, 'close'),
      ],
      [b(M.admin.groups, 'grp'), b(M.admin.audit, 'log')],
    ],
  });
}

/** "✉️ Mời": a button a role, then the links nobody has used yet, each with its cancel button. */
export function showInvites(ctx: BotContext, unit: Unit, page: number | null): Promise<void> {
  const open = openInvitesOf(ctx.deps.db, unit.id, ctx.deps.now());
  const tz = ctx.deps.timeZone;
  return showList(ctx, unit, page, {
    verb: 'inv',
    header: M.admin.pickRole(unit.name, open.length),
    items: open,
    line: (i) => M.admin.openInvite(ROLE_NAMES[i.role], i.expiresAt, tz),
    button: (i) =>
      adminButton(M.admin.cancelOpenInvite(ROLE_NAMES[i.role], i.expiresAt, tz), 'invx', unit.id, i.code),
    before: ROLES.map((r) => [adminButton(ROLE_NAMES[r], 'invr', unit.id, r)]),
  });
}

export function showMembers(ctx: BotContext, unit: Unit, page: number | null): Promise<void> {
  const people = membersOfUnit(ctx.deps.db, unit.id);
  return showList(ctx, unit, page, {
    verb: 'mem',
    header: M.admin.memberList(unit.name, people.length),
    items: people,
    line: M.admin.member,
    button: (p) => adminButton(M.admin.revokeButton(p.name, ROLE_NAMES[p.role]), 'rev', p.memberId),
  });
}

export function showGroups(ctx: BotContext, unit: Unit, page: number | null): Promise<void> {
  const groups = groupsLinkedTo(ctx.deps.db, unit.id);
  const title = (g: (typeof groups)[number]) => g.title ?? String(g.chatId);
  return showList(ctx, unit, page, {
    verb: 'grp',
    header: M.admin.groupList(unit.name, groups.length),
    items: groups,
    line: (g) => M.admin.group(title(g)),
    button: (g) => adminButton(M.admin.unlinkButton(title(g)), 'unl', g.chatId),
  });
}

/** The audit trail, newest first, read a page at a time from the database (it only grows). */
export async function showAudit(ctx: BotContext, u: Unit, page: number | null): Promise<void> {
  const { db, timeZone } = ctx.deps;
  const total = unitAuditSize(db, u.id);
  const count = Math.max(1, Math.ceil(total / PER_PAGE));
  const at = { index: pageIndex(page ?? 0, count), count };
  const lines = unitAudit(db, u.id, PER_PAGE, at.index * PER_PAGE).map((e) =>
    clip(M.admin.auditLine(e, timeZone), AUDIT_LINE_MAX),
  );
  const text = pageTextOf(M.admin.auditTrail(u.name, total), lines, at, '\n');
  await showPage(ctx, text, keyboardOf([pageButtons(at, (i) => `a:log:${u.id}:${i}`)]), page !== null);
}
