import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { holidaysBetween } from '../../db/repositories/deadline-settings.js';
import { dueItems, type UnitFact } from '../../db/repositories/due-items.js';
import {
  answeringChats,
  claimSent,
  leaderChats,
  recordSweep,
  releaseSent,
  reminderGroupChats,
  type SentKey,
  wasSent,
} from '../../db/repositories/reminders.js';
import { isOfficeDay, WORKWEEK } from '../../domain/calendar.js';
import { type DueItem, itemKey } from '../../domain/deadlines.js';
import { type DigestSection, fitDigest, worstFirst } from '../../domain/digest.js';
import { dueListData } from '../../domain/due-list.js';
import { clip } from '../../domain/pages.js';
import { type Staged, staged } from '../../domain/reminders.js';
import { addDaysIso, formatDate, isoDateIn } from '../../domain/vn.js';

/*
 * The daily sweep: every due item whose reminder stage has come, one digest per chat, each stage once
 * per chat (claimed in the log before sending, given back if it could not be delivered). A plain async
 * function of its dependencies and the instant it runs for.
 */

export interface OutButton {
  label: string;
  /** Callback data (private chats) or a t.me deep link (groups). */
  data?: string;
  url?: string;
}

export interface Outgoing {
  text: string;
  buttons: OutButton[][];
}

export type Delivery = 'sent' | 'blocked' | 'refused' | 'failed';

export interface SweepDeps {
  db: Db;
  logger: Logger;
  timeZone: string;
  /** ISO weekdays the office works (1 = Monday); default Monday–Friday. */
  weekdays?: readonly number[];
  send(chatId: number, message: Outgoing): Promise<Delivery>;
  /** The button that opens the form for an item, for a private chat or a group. */
  formButton(item: DueItem, title: string, inGroup: boolean): OutButton | null;
}

export interface SweepReport {
  day: string;
  officeDay: boolean;
  digests: { chatId: number; text: string; items: number }[];
  sent: number;
  failed: number;
}

/** How far back a studied document still makes an action plan due; older ones are for the year-end summary. */
/** Buttons that open a form, most urgent first; past them, one button opens every item page by page. */
const MAX_FORM_BUTTONS = 20;
/** A summarised digest's buttons to the worst units below. */
const MAX_UNIT_BUTTONS = 5;

interface Draft {
  keys: SentKey[];
  /** The chat's own units' items (with buttons) and, for leaders, the units below that are late. */
  own: DigestSection[];
  below: DigestSection[];
  items: Staged[];
}

export async function runSweep(
  deps: SweepDeps,
  now: Date,
  opts: { dryRun?: boolean } = {},
): Promise<SweepReport> {
  const { db } = deps;
  const day = isoDateIn(now, deps.timeZone);
  const year = day.slice(0, 4);
  const calendar = {
    weekdays: deps.weekdays ?? WORKWEEK,
    holidays: holidaysBetween(db, `${year}-01-01`, `${year}-12-31`),
  };
  const report: SweepReport = { day, officeDay: isOfficeDay(day, calendar), digests: [], sent: 0, failed: 0 };
  if (!report.officeDay) return report;

  const { entries, units } = dueItems(db, { today: day, horizon: addDaysIso(day, 7), rootIds: null });
  const drafts = new Map<number, Draft>();
  const add = (chatId: number, unit: UnitFact, items: Staged[], part: 'own' | 'below') => {
    const d = drafts.get(chatId) ?? { keys: [], own: [], below: [], items: [] };
    const fresh = items.filter((e) => !wasSent(db, { itemKey: itemKey(e.item), stage: e.stage, chatId }));
    if (fresh.length === 0) return;
    d[part].push({ unitId: unit.unitId, unitName: unit.name, entries: fresh });
    if (part === 'own') d.items.push(...fresh);
    d.keys.push(...fresh.map((e) => ({ itemKey: itemKey(e.item), stage: e.stage, chatId })));
    drafts.set(chatId, d);
  };

  const byUnit = groupBy(staged(entries, day), (e) => e.item.unitId);
  // Its secretaries, or its own leaders when no secretary can be told; and its groups that asked.
  const answering = answeringChats(db, [...byUnit.keys()]);
  const groups = reminderGroupChats(db, [...byUnit.keys()]);
  for (const [unitId, items] of byUnit) {
    const unit = units.get(unitId);
    const chats = [...(answering.get(unitId) ?? []), ...(groups.get(unitId) ?? [])];
    if (unit) for (const chatId of chats) add(chatId, unit, items, 'own');
  }
  // Past 7 days overdue: the parent unit's leaders, naming the units.
  const overdue = groupBy(staged(entries, day, true), (e) => e.item.unitId);
  const leaders = leaderChats(db, [
    ...new Set([...overdue.keys()].map((id) => units.get(id)?.parentId ?? 0)),
  ]);
  for (const [unitId, items] of overdue) {
    const unit = units.get(unitId);
    const chats = unit?.parentId ? (leaders.get(unit.parentId) ?? []) : [];
    if (unit) for (const chatId of chats) add(chatId, unit, items, 'below');
  }

  for (const [chatId, d] of drafts) {
    const { text, summarised } = fitDigest(
      [
        { header: `🔔 Nhắc việc ngày ${formatDate(day)}:`, sections: d.own },
        { header: '📣 Đơn vị trực thuộc chậm quá 7 ngày:', sections: d.below },
      ],
      day,
    );
    report.digests.push({ chatId, text, items: d.keys.length });
    if (opts.dryRun) continue;
    claimSent(db, d.keys, now);
    const buttons = [
      ...formButtons(deps, d.items.slice(0, MAX_FORM_BUTTONS), chatId < 0, d.own.length > 1, units),
      ...(chatId > 0 && (summarised || d.items.length > MAX_FORM_BUTTONS) ? detailButtons(d.below, day) : []),
    ];
    const outcome = await deps.send(chatId, { text, buttons });
    if (outcome === 'sent') report.sent++;
    else report.failed++;
    // A blocked user is marked and skipped from now on; a refused message (400) would be refused again;
    // anything else (network, Telegram down) is tried again next sweep.
    if (outcome === 'failed') releaseSent(db, d.keys);
  }
  if (!opts.dryRun) recordSweep(db, day, now, now, report.sent);
  deps.logger.info(
    { day, digests: report.digests.length, sent: report.sent, failed: report.failed },
    'reminder sweep',
  );
  return report;
}

/** A long digest's way to the detail: every item page by page (/nhacviec), and the worst units below. */
function detailButtons(below: DigestSection[], day: string): OutButton[][] {
  const units = worstFirst(below, day)
    .slice(0, MAX_UNIT_BUTTONS)
    .map((s) => [{ label: `🏢 ${clip(s.unitName, 50)}`, data: dueListData(s.unitId, 0) }]);
  return [[{ label: '📋 Xem từng đơn vị, từng việc', data: dueListData(0, 0) }], ...units];
}

function formButtons(
  deps: SweepDeps,
  items: Staged[],
  inGroup: boolean,
  withUnit: boolean,
  units: Map<number, UnitFact>,
): OutButton[][] {
  return items.flatMap((e) => {
    const title = withUnit ? `${e.title} — ${units.get(e.item.unitId)?.name ?? ''}` : e.title;
    const b = deps.formButton(e.item, title, inGroup);
    return b ? [[b]] : [];
  });
}

function groupBy<T>(xs: T[], key: (x: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const x of xs) {
    const list = out.get(key(x));
    if (list) list.push(x);
    else out.set(key(x), [x]);
  }
  return out;
}
