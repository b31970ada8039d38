import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand, runCommand } from '../../src/cli/commands.js';
import { holidaysBetween } from '../../src/db/repositories/deadline-settings.js';
import { loadShippedHolidays } from '../../src/services/holidays.js';
import { cliHarness } from '../helpers/cli-context.js';
import { testDb } from '../helpers/test-db.js';

const file = (text: string) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-')), 'nghi-le.csv');
  fs.writeFileSync(f, text);
  return f;
};

describe('public holidays', () => {
  it('ships lists for this year and the coming one, loaded once and never over an administrator’s own', () => {
    const db = testDb();
    expect(loadShippedHolidays(db, new Date())).toEqual([2026, 2027]);
    const days = holidaysBetween(db, '2026-01-01', '2026-12-31');
    expect(days.has('2026-02-17')).toBe(true);
    expect(days.has('2026-09-02')).toBe(true);
    expect(loadShippedHolidays(db, new Date())).toEqual([]);
  });

  it('cli holidays import replaces the year’s list, all or nothing', async () => {
    const h = cliHarness();
    loadShippedHolidays(h.db, new Date());
    const good = file('ngay;ten\n02/09/2026;Quốc khánh\n03/09/2026;Quốc khánh (bù)\n');
    expect(await runCommand(h.ctx, parseCommand(['holidays', 'import', good]))).toBe(0);
    expect(h.out()).toContain('2 ngày nghỉ lễ');
    expect([...holidaysBetween(h.db, '2026-01-01', '2026-12-31')]).toEqual(['2026-09-02', '2026-09-03']);
    expect(holidaysBetween(h.db, '2027-01-01', '2027-12-31').size).toBeGreaterThan(0);
    const bad = file('ngay,ten\n31/02/2026,Sai\n');
    expect(await runCommand(h.ctx, parseCommand(['holidays', 'import', bad]))).toBe(1);
    expect(h.err()).toContain('Dòng 2, cột "ngay": ngày 31/02/2026 không có thật.');
    expect([...holidaysBetween(h.db, '2026-01-01', '2026-12-31')]).toEqual(['2026-09-02', '2026-09-03']);
  });
});
