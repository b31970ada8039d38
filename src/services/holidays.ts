/* The public holiday lists that ship with the bot (holidays/YYYY.csv), loaded for a year nobody has set. */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client.js';
import { CLI_ACTOR } from '../db/repositories/audit.js';
import { holidaysBetween, importHolidays } from '../db/repositories/deadline-settings.js';
import { parseTable } from '../domain/csv-import.js';
import { holidaysTable } from '../domain/import-tables.js';
import { ROOT } from '../root.js';

export const SHIPPED_HOLIDAYS = path.join(ROOT, 'holidays');

/** Returns the years loaded. An administrator's own list for a year is never overwritten. */
export function loadShippedHolidays(db: Db, now: Date, dir = SHIPPED_HOLIDAYS): number[] {
  if (!fs.existsSync(dir)) return [];
  const loaded: number[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => /^\d{4}\.csv$/.test(f))) {
    const year = Number(file.slice(0, 4));
    if (holidaysBetween(db, `${year}-01-01`, `${year}-12-31`).size > 0) continue;
    const parsed = parseTable(fs.readFileSync(path.join(dir, file), 'utf8'), holidaysTable);
    if (!parsed.ok) throw new Error(`holidays/${file}: ${JSON.stringify(parsed.errors[0])}`);
    importHolidays(
      db,
      parsed.rows.map((r) => r.row),
      { ...CLI_ACTOR, label: 'shipped' },
      now,
    );
    loaded.push(year);
  }
  return loaded;
}
