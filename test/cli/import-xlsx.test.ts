import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCommand, runCommand } from '../../src/cli/commands.js';
import { runImportFile, runTemplate } from '../../src/cli/import-xlsx.js';
import { unitFigures, units } from '../../src/db/schema.js';
import { cliHarness, tempFile } from '../helpers/cli-context.js';
import { testDb } from '../helpers/test-db.js';
import { seed } from '../helpers/world.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A template written by `template KIND`, its example row replaced by `rows`. */
async function filledTemplate(kind: 'units' | 'figures', rows: unknown[][]): Promise<string> {
  const h = cliHarness();
  const file = tempFile(`${kind}.xlsx`, '');
  expect(await runTemplate(h.ctx, kind, file)).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
  sheet.spliceRows(2, 1);
  for (const r of rows) sheet.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('template', () => {
  it('writes the header, an example row and a sheet explaining each column', async () => {
    const h = cliHarness();
    const file = path.join(path.dirname(tempFile('x', '')), 'so-lieu.xlsx');
    expect(await runCommand(h.ctx, parseCommand(['template', 'figures', file]))).toBe(0);
    expect(h.out()).toContain(`Đã ghi tệp mẫu ${file}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Số liệu đơn vị', 'Hướng dẫn']);
    const [data, guide] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual([
      'ma',
      'ngay',
      'dang_vien',
      'mien_sinh_hoat',
      'bao_cao_vien',
      'can_ke_hoach_ca_nhan',
      'co_loa',
      'diem_cau',
    ]);
    expect(data.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((data.getRow(2).values as unknown[]).slice(1)).toEqual([
      'XA_DONGTAM',
      day('2020-01-01'),
      232,
      4,
      6,
      19,
      'có',
      1,
    ]);
    expect(data.getRow(2).getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(guide.getRow(4).getCell(1).value).toBe('dang_vien');
    expect(guide.getRow(4).getCell(2).value).toContain('Số đảng viên');
  });

  it('refuses a kind it does not know and a file name that is not .xlsx', async () => {
    expect(() => parseCommand(['template', 'nguoi', 'a.xlsx'])).toThrow('Không nhập được loại "nguoi"');
    const h = cliHarness();
    expect(await runCommand(h.ctx, parseCommand(['template', 'units', 'don-vi.csv']))).toBe(2);
    expect(h.err()).toContain('Tệp don-vi.csv phải có đuôi .xlsx.');
  });
});

describe('import from .xlsx', () => {
  it('reads date cells, number cells and text cells through the same checks as a CSV file', async () => {
    const h = cliHarness({ db: seed(testDb()).db });
    const file = await filledTemplate('figures', [
      ['XA_TANKY', day('2026-01-15'), 1250, 5, 6, 20, 'có', 1],
      ['xa_thanhmai', '01/02/2026', '1.300', '0', 7, 20, 'không', 0],
    ]);
    expect(await runImportFile(h.ctx, 'figures', file)).toBe(0);
    expect(h.out()).toBe('Đã nhập figures.xlsx: 2 dòng số liệu; thêm mới 2, cập nhật 0, không đổi 0.');
    const saved = h.db.select().from(unitFigures).all().slice(-2);
    expect(saved).toMatchObject([
      { asOf: '2026-01-15', partyMembers: 1250, exemptMembers: 5, hasLoudspeaker: true },
      { asOf: '2026-02-01', partyMembers: 1300, exemptMembers: 0, hasLoudspeaker: false },
    ]);
  });

  it('names the Excel row and the column of a bad cell, and saves nothing', async () => {
    const h = cliHarness({ db: seed(testDb()).db });
    const before = h.db.select().from(unitFigures).all();
    const file = await filledTemplate('figures', [
      ['XA_TANKY', day('2026-01-15'), 1250, 5, 6, 20, 'có', 1],
      ['XA_THANHMAI', day('2026-01-15'), 'một trăm', 5, 6, 20, 'có', 1],
      ['XA_THANHMAI', day('2026-02-01'), 12.5, 5, 6, 20, 'có', 1],
    ]);
    expect(await runImportFile(h.ctx, 'figures', file)).toBe(1);
    expect(h.err()).toBe(
      [
        'Không nhập được tệp figures.xlsx: có 2 lỗi. Chưa có gì thay đổi trong cơ sở dữ liệu; sửa tệp rồi nhập lại.',
        '  Dòng 3, cột "dang_vien": "một trăm" không phải là một số.',
        '  Dòng 4, cột "dang_vien": cần một số nguyên (không có phần thập phân).',
      ].join('\n'),
    );
    expect(h.db.select().from(unitFigures).all()).toEqual(before);
  });

  it('imports units with a parent in a later row, and a closed unit with its date cell', async () => {
    const h = cliHarness();
    const file = await filledTemplate('units', [
      ['XA_A', 'Đảng ủy xã A', 'xa', 'HU_B', day('2020-01-01'), day('2025-06-30'), null],
      ['HU_B', 'Huyện ủy B', 'Huyện', null, day('2020-01-01'), null, null],
    ]);
    expect(await runCommand(h.ctx, parseCommand(['import', 'units', file]))).toBe(0);
    const saved = h.db.select().from(units).all();
    expect(saved.map((u) => [u.code, u.kind, u.validTo])).toEqual([
      ['XA_A', 'xa', '2025-06-30'],
      ['HU_B', 'huyen', null],
    ]);
    expect(saved[0]?.parentId).toBe(saved[1]?.id);
  });

  it('explains a file that is not an Excel workbook', async () => {
    const h = cliHarness();
    const file = tempFile('don-vi.xlsx', 'ma,ten\nA,B\n');
    expect(await runCommand(h.ctx, parseCommand(['import', 'units', file]))).toBe(1);
    expect(h.err()).toContain(`Không đọc được ${file} như một tệp Excel .xlsx.`);
  });
});
