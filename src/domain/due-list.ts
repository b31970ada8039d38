import { type DigestSection, worstFirst } from './digest.js';
import { clip } from './pages.js';
import { type DueEntry, entryLine } from './reminders.js';

/*
 * /nhacviec's list (and a long digest's detail): due items grouped by unit, worst unit first, one block a unit,
 * shown page by page (pages.ts). Pure; src/bot/commands/nhacviec.ts reads the items and sends the page.
 */

/** `n:<unitId>:<page>[:e]`: 0 is the user's whole scope; `e` (the list's own page buttons) edits in place. */
export const dueListData = (unitId: number, page: number, edit = false): string =>
  `n:${unitId}:${page}${edit ? ':e' : ''}`;

export function parseDueListData(data: string): { unitId: number; page: number; edit: boolean } | null {
  const m = /^n:(\d{1,12}):(\d{1,5})(:e)?$/.exec(data);
  return m ? { unitId: Number(m[1]), page: Number(m[2]), edit: m[3] !== undefined } : null;
}

/** Entries by unit, worst unit first; within a unit, the earliest deadline first. */
export function dueSections(entries: DueEntry[], unitName: (id: number) => string, today: string) {
  const byUnit = new Map<number, DueEntry[]>();
  for (const e of entries) byUnit.set(e.item.unitId, [...(byUnit.get(e.item.unitId) ?? []), e]);
  const sections: DigestSection[] = [...byUnit.entries()].map(([unitId, list]) => ({
    unitId,
    unitName: unitName(unitId),
    entries: list.sort((a, b) => a.item.deadline.localeCompare(b.item.deadline)),
  }));
  return worstFirst(sections, today);
}

/**
 * Each unit's block: its name and one line an item. A unit with more items than a page holds (80 documents
 * unplanned) goes on over several blocks, each headed "(tiếp)", so paging shows every item and cuts none.
 */
export function dueBlocks(
  sections: DigestSection[],
  today: string,
  room: number,
): { unitId: number; text: string }[] {
  return sections.flatMap((s) => {
    const head = clip(`${s.unitName} (${s.entries.length}):`, 200);
    const more = `${head} (tiếp)`;
    const lines = s.entries.map((e) => clip(entryLine(e, today), room - more.length - 1));
    const blocks: string[] = [];
    let current = head;
    for (const line of lines) {
      if (current.length + 1 + line.length > room) {
        blocks.push(current);
        current = more;
      }
      current += `\n${line}`;
    }
    blocks.push(current);
    return blocks.map((text) => ({ unitId: s.unitId, text }));
  });
}
