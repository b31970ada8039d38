import { daysLeft } from './deadlines.js';
import { clip, MESSAGE_MAX } from './pages.js';
import { type DueEntry, entryLine } from './reminders.js';
import { formatNumber } from './vn.js';

/*
 * A day's digest for one chat (docs/domain.md, "Deadlines and reminders"): every item in one message. When the
 * items would pass Telegram's limit (a province's leader with 126 late communes), each part becomes a summary:
 * how many units are late on each item, then the worst units first; buttons open the detail page by page.
 */

export interface DigestSection {
  unitId: number;
  unitName: string;
  entries: DueEntry[];
}

export interface DigestPart {
  header: string;
  sections: DigestSection[];
}

function digestText(header: string, sections: DigestSection[], today: string): string {
  const body = sections.map((s) =>
    [`${s.unitName}:`, ...s.entries.map((e) => entryLine(e, today))].join('\n'),
  );
  return [header, ...body].join('\n\n');
}

/** Days the unit's most overdue item is late (negative: the nearest deadline is still ahead). */
const lateness = (s: DigestSection, today: string) =>
  Math.max(...s.entries.map((e) => -daysLeft(e.item.deadline, today)));

/** Worst first: the longest overdue, then the most items, then by name. */
export function worstFirst(sections: DigestSection[], today: string): DigestSection[] {
  return [...sections].sort(
    (a, b) =>
      lateness(b, today) - lateness(a, today) ||
      b.entries.length - a.entries.length ||
      a.unitName.localeCompare(b.unitName, 'vi', { numeric: true }),
  );
}

/** An item's line in the counts: action plans of many documents are one line, the rest by title. */
const countKey = (e: DueEntry) =>
  e.item.kind === 'action_plan' ? 'Chương trình, kế hoạch hành động thực hiện nghị quyết, chỉ thị' : e.title;

function counts(sections: DigestSection[]): string[] {
  const units = new Map<string, Set<number>>();
  const items = new Map<string, number>();
  for (const s of sections)
    for (const e of s.entries) {
      const key = countKey(e);
      units.set(key, (units.get(key) ?? new Set()).add(s.unitId));
      items.set(key, (items.get(key) ?? 0) + 1);
    }
  return [...units.entries()]
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0], 'vi'))
    .map(([key, set]) => {
      const n = items.get(key) ?? 0;
      const many = n > set.size ? ` (${formatNumber(n)} việc)` : '';
      return `• ${key}: ${formatNumber(set.size)} đơn vị${many}`;
    });
}

/** The worst units a summary names; the rest are one line and the buttons. */
const WORST_SHOWN = 10;

function unitLine(s: DigestSection, rank: number, today: string): string {
  const late = lateness(s, today);
  const when =
    late > 0 ? `quá hạn nhất ${formatNumber(late)} ngày` : late === 0 ? 'hạn hôm nay' : 'sắp đến hạn';
  return `${rank}. ${s.unitName} — ${formatNumber(s.entries.length)} việc, ${when}`;
}

/** One part as counts and the worst units, within `room` characters. */
function digestSummary(part: DigestPart, today: string, room: number): string {
  const items = part.sections.reduce((n, s) => n + s.entries.length, 0);
  const head = [
    `${part.header} ${formatNumber(items)} việc của ${formatNumber(part.sections.length)} đơn vị.`,
    ...counts(part.sections),
    '',
    'Chậm nhất:',
  ].join('\n');
  const worst = worstFirst(part.sections, today);
  const lines: string[] = [];
  let used = head.length;
  for (const [i, s] of worst.entries()) {
    const line = unitLine(s, i + 1, today);
    const rest = worst.length - i;
    // Keep room for the "… và N đơn vị khác" line; a phone shows the first few, the buttons the rest.
    if (i >= WORST_SHOWN || used + line.length + 1 + 80 > room) {
      lines.push(`… và ${formatNumber(rest)} đơn vị khác: bấm nút bên dưới để xem từng trang.`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return clip([head, ...lines].join('\n'), room);
}

/**
 * The digest's text: every item when it fits one message; else a part that fits its share stays whole and the
 * others are summarised in the room left (`summarised` then true).
 */
export function fitDigest(parts: DigestPart[], today: string): { text: string; summarised: boolean } {
  const present = parts.filter((p) => p.sections.length > 0);
  const full = present.map((p) => digestText(p.header, p.sections, today));
  const whole = full.join('\n\n');
  if (whole.length <= MESSAGE_MAX) return { text: whole, summarised: false };
  const room = MESSAGE_MAX - 2 * present.length;
  const share = Math.floor(room / Math.max(1, present.length));
  const kept = full.map((t) => t.length <= share);
  const left = room - full.reduce((n, t, i) => n + (kept[i] ? t.length : 0), 0);
  const each = Math.floor(left / Math.max(1, kept.filter((k) => !k).length));
  const text = present.map((p, i) => (kept[i] ? full[i] : digestSummary(p, today, each))).join('\n\n');
  return { text, summarised: true };
}
