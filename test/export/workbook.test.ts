import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReportWorkbook } from '../../src/export/workbook.js';
import { World } from '../helpers/progress-fixture.js';

/*
 * The workbook /xuat sends and `cli export` writes, opened again with exceljs as Excel would read it.
 * A province with two communes (A with a chi bộ below it) and, outside the scope, another province.
 */

const w = new World()
  .unit('TINH', 'tinh', null)
  .unit('XA_A', 'xa', 'TINH')
  .unit('XA_B', 'xa', 'TINH')
  .unit('CB_A1', 'chi_bo', 'XA_A')
  .unit('TINH_KHAC', 'tinh', null)
  .unit('XA_Z', 'xa', 'TINH_KHAC')
  .doc('35-NQ/TW')
  .doc('57-NQ/TW', '2024-12-22')
  .figures('XA_A', '2021-01-01', { partyMembers: 130, exemptMembers: 4, reporters: 5 })
  .conference('XA_A', '2022-03-15', ['35-NQ/TW', '57-NQ/TW'], {
    eligible: 126,
    present: 120,
    others: 30,
    form: 'truc_tuyen',
  })
  .conference('CB_A1', '2022-05-01', ['35-NQ/TW'], { eligible: 20, present: 18 })
  .conference('XA_A', '2021-12-31', ['35-NQ/TW'], { eligible: 126, present: 100 })
  .conference('XA_Z', '2022-04-01', ['35-NQ/TW'], { eligible: 50, present: 50 })
  .survey('XA_A', '2022-06-10', 500, 410)
  .inspection('TINH', 2022, 'cap_uy')
  .commendation('XA_B', '2022-09-02', 1, 3);

let wb: ExcelJS.Workbook;
const sheet = (name: string) => {
  const s = wb.getWorksheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};
const rowValues = (s: ExcelJS.Worksheet, n: number) => (s.getRow(n).values as unknown[]).slice(1);

beforeAll(async () => {
  const bytes = await buildReportWorkbook(w.db, { rootIds: [w.id('TINH')], span: { from: 2022, to: 2022 } });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
});

describe('the exported workbook', () => {
  it('has the indicators, the counters and a sheet per report kind, each with a frozen header', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Chỉ tiêu',
      'Số đếm',
      'Hội nghị',
      'Kế hoạch hành động',
      'KH cá nhân',
      'Kiểm tra, giám sát',
      'Tập huấn BCV',
      'Khảo sát',
      'Khen thưởng',
      'Số liệu đơn vị',
    ]);
    for (const s of wb.worksheets) expect(s.views[0]).toMatchObject({ state: 'frozen' });
    expect(sheet('Hội nghị').getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('lists the conferences of the scope and period only, numbers as numbers and dates as dates', () => {
    const s = sheet('Hội nghị');
    expect(rowValues(s, 1)).toEqual([
      'Mã đơn vị',
      'Đơn vị',
      'Ngày',
      'Văn bản',
      'Hình thức',
      'Số điểm cầu',
      'Đảng viên phải học',
      'Đảng viên có mặt',
      'Lượt quần chúng',
      'Học bù',
      'Có báo cáo viên',
      'Ghi chú',
    ]);
    expect(s.actualRowCount).toBe(3);
    expect(rowValues(s, 2).slice(0, 2)).toEqual(['XA_A', 'XA_A']);
    expect(rowValues(s, 3).slice(0, 2)).toEqual(['CB_A1', 'CB_A1']);
    const present = s.getRow(2).getCell(8);
    expect(present.type).toBe(ExcelJS.ValueType.Number);
    expect(present.value).toBe(120);
    const day = s.getRow(2).getCell(3);
    expect(day.type).toBe(ExcelJS.ValueType.Date);
    expect((day.value as Date).toISOString().slice(0, 10)).toBe('2022-03-15');
    expect(day.numFmt).toBe('dd/mm/yyyy');
    expect(s.getRow(2).getCell(4).value).toBe('35-NQ/TW, 57-NQ/TW');
    expect(s.getRow(2).getCell(5).value).toBe('Trực tuyến');
    expect(s.getColumn(4).width ?? 0).toBeGreaterThanOrEqual('35-NQ/TW, 57-NQ/TW'.length);
  });

  it('shows each child unit’s indicators with the percentage as a number, and a total row', () => {
    const s = sheet('Chỉ tiêu');
    expect(s.getRow(1).getCell(8).value).toBe('2. Đảng viên học tập');
    expect(rowValues(s, 2).slice(0, 7)).toEqual([
      'Mã đơn vị',
      'Đơn vị',
      'Tử số',
      'Mẫu số',
      'Tỷ lệ',
      'Mục tiêu',
      'Chưa đến hạn',
    ]);
    const byCode = new Map(
      Array.from({ length: s.actualRowCount - 2 }, (_, i) => s.getRow(i + 3)).map((r) => [
        String(r.getCell(2).value),
        r,
      ]),
    );
    expect([...byCode.keys()]).toEqual(['TINH (riêng cấp này)', 'XA_A', 'XA_B', 'Tổng cộng']);
    // Indicator 2 of commune A, per (unit, document): 120 of 126 on each of two documents, 18 of 20 in its chi bộ.
    const a = byCode.get('XA_A') as ExcelJS.Row;
    expect([a.getCell(8).value, a.getCell(9).value]).toEqual([258, 272]);
    const ratio = a.getCell(10);
    expect(ratio.type).toBe(ExcelJS.ValueType.Number);
    expect(ratio.value).toBeCloseTo(258 / 272, 10);
    expect(ratio.numFmt).toBe('0.00%');
    expect(a.getCell(11).value).toBe(0.9);
    // Indicator 3: 410 of 500 surveyed.
    expect(a.getCell(15).value).toBeCloseTo(0.82, 10);
    // No data is an empty cell, never 0%.
    const b = byCode.get('XA_B') as ExcelJS.Row;
    expect(b.getCell(9).value).toBe(0);
    expect(b.getCell(10).value).toBeNull();
    const total = byCode.get('Tổng cộng') as ExcelJS.Row;
    expect(total.getCell(3).value).toBe(1);
    expect(total.getCell(4).value).toBe(2);
    expect(total.getCell(5).value).toBe(0.5);
    expect(total.font?.bold ?? total.getCell(2).font?.bold).toBe(true);
  });

  it('counts conferences and commendations, and names the scope and the period', () => {
    const s = sheet('Số đếm');
    const values = new Map(
      Array.from({ length: s.actualRowCount }, (_, i) => rowValues(s, i + 1) as [string, unknown]),
    );
    expect(values.get('Phạm vi')).toBe('TINH');
    expect(values.get('Kỳ báo cáo')).toBe('năm 2022');
    expect(values.get('Hội nghị học tập, quán triệt')).toBe(2);
    expect(values.get('Tổng lượt người tham dự')).toBe(168);
    expect(values.get('Cá nhân được khen thưởng')).toBe(3);
  });

  it('holds the other report kinds and the figures in force in the period', () => {
    expect(rowValues(sheet('Khảo sát'), 2)).toEqual(['XA_A', 'XA_A', expect.any(Date), 500, 410, 0.82]);
    expect(rowValues(sheet('Kiểm tra, giám sát'), 2)).toEqual([
      'TINH',
      'TINH',
      2022,
      'Cấp ủy',
      expect.any(Date),
    ]);
    expect(rowValues(sheet('Khen thưởng'), 2).slice(3, 5)).toEqual([1, 3]);
    const figures = sheet('Số liệu đơn vị');
    expect(figures.actualRowCount).toBe(2);
    expect(rowValues(figures, 2).slice(3, 5)).toEqual([130, 4]);
    expect(sheet('Kế hoạch hành động').actualRowCount).toBe(1);
  });
});
