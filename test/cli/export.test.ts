import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCommand, runCommand } from '../../src/cli/commands.js';
import { cliHarness, tempFile } from '../helpers/cli-context.js';
import { World } from '../helpers/progress-fixture.js';

const world = () =>
  new World()
    .unit('TINH_CU', 'tinh', null, '2010-01-01', '2025-06-30')
    .unit('XA_CU', 'xa', 'TINH_CU', '2010-01-01', '2025-06-30')
    .unit('TINH_MOI', 'tinh', null, '2025-07-01')
    .unit('XA_MOI', 'xa', 'TINH_MOI', '2025-07-01')
    .doc('35-NQ/TW')
    .conference('XA_CU', '2022-03-15', ['35-NQ/TW'], { present: 90 })
    .conference('XA_MOI', '2025-07-05', ['35-NQ/TW'], { present: 80 });

async function open(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}
const outFile = (name: string) => path.join(path.dirname(tempFile('x', '')), name);

describe('cli export', () => {
  it('exports every tree valid in the period by default, one indicator row per tree', async () => {
    const h = cliHarness({ db: world().db });
    const file = outFile('tat-ca.xlsx');
    expect(await runCommand(h.ctx, parseCommand(['export', '--period', '2017-2025', '--out', file]))).toBe(0);
    expect(h.out()).toBe(`Đã xuất tệp Excel ${file}.`);
    const wb = await open(file);
    const names = [3, 4, 5].map((r) => wb.getWorksheet('Chỉ tiêu')?.getRow(r).getCell(2).value);
    expect(names).toEqual(['TINH_CU', 'TINH_MOI', 'Tổng cộng']);
    expect(wb.getWorksheet('Hội nghị')?.actualRowCount).toBe(3);
  });

  it('exports one unit’s tree for this year under the default file name', async () => {
    const h = cliHarness({ db: world().db });
    const dir = path.dirname(tempFile('x', ''));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await runCommand(h.ctx, parseCommand(['export', '--unit', 'tinh_moi']))).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    const wb = await open(path.join(dir, 'bao-cao-2025.xlsx'));
    const conferences = wb.getWorksheet('Hội nghị') as ExcelJS.Worksheet;
    expect(conferences.actualRowCount).toBe(2);
    expect(conferences.getRow(2).getCell(1).value).toBe('XA_MOI');
    expect(conferences.getRow(2).getCell(8).value).toBe(80);
  });

  it('refuses an unknown option, a bad period, an unknown unit and a name that is not .xlsx', async () => {
    const h = cliHarness({ db: world().db });
    const run = (...args: string[]) => runCommand(h.ctx, parseCommand(['export', ...args]));
    expect(await run('--nam', '2022')).toBe(2);
    expect(await run('--period', '2030')).toBe(2);
    expect(h.err()).toContain('Năm 2030 ngoài khoảng 2000–2025.');
    expect(await run('--unit', 'KHONG_CO', '--out', outFile('a.xlsx'))).toBe(1);
    expect(h.err()).toContain('Không có đơn vị mã KHONG_CO.');
    expect(await run('--out', 'bao-cao.csv')).toBe(2);
    expect(fs.existsSync('bao-cao.csv')).toBe(false);
  });
});
