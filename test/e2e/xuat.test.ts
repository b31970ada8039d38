import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../helpers/conversation.js';
import { testToday, testYear } from '../helpers/instant.js';
import { committeeWithBot, fileOnlineConference } from '../helpers/scenarios.js';
import { communesIn } from '../helpers/world.js';

/*
 * /xuat through the real entrypoint: a secretary files a conference report in Thanh Mai, then a leader
 * of the province asks for the year's workbook and opens it as Excel would.
 */

const thisYear = testYear;
const today = testToday;

const { api, people } = committeeWithBot(7500);

let leader: Conversation;
let secretary: Conversation;

beforeAll(async () => {
  ({ secretary, leader } = people);
  await fileOnlineConference(secretary);
});

async function lastWorkbook() {
  const call = api.callsOf('sendDocument').at(-1);
  const data = call?.files[0]?.data;
  expect(Buffer.isBuffer(data)).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return { wb, call };
}

describe('/xuat', () => {
  it('sends a leader the year’s workbook holding the report filed earlier', async () => {
    const before = api.callsOf('sendDocument').length;
    const [caption = ''] = await leader.say('/xuat');
    expect(api.callsOf('sendDocument').length).toBe(before + 1);
    expect(caption).toContain(`Tỉnh ủy Thái Nguyên · năm ${thisYear}`);
    const { wb, call } = await lastWorkbook();
    expect(call?.files[0]?.filename).toBe(`bao-cao-${thisYear}.xlsx`);

    const conferences = wb.getWorksheet('Hội nghị') as ExcelJS.Worksheet;
    const row = conferences.getRow(2);
    expect(row.getCell(1).value).toBe('XA_THANHMAI');
    expect(row.getCell(2).value).toBe('Đảng ủy xã Thanh Mai');
    expect((row.getCell(3).value as Date).toISOString().slice(0, 10)).toBe(today);
    expect(row.getCell(4).value).toBe('35-NQ/TW');
    expect([row.getCell(6).value, row.getCell(7).value, row.getCell(8).value, row.getCell(9).value]).toEqual([
      2, 126, 120, 30,
    ]);

    // The indicators by unit, as /tiendo shows them: Thanh Mai 120/126 members studied.
    const indicators = wb.getWorksheet('Chỉ tiêu') as ExcelJS.Worksheet;
    const rows = new Map(
      Array.from({ length: indicators.actualRowCount - 2 }, (_, i) => indicators.getRow(i + 3)).map((r) => [
        String(r.getCell(2).value),
        r,
      ]),
    );
    // The province's own committees count in indicator 7, so it has a row of its own.
    // In 2025 the province (from 01/07/2025) had none: its programmes fell due on 31/01, before it existed.
    expect([...rows.keys()]).toEqual([
      ...(communesIn(thisYear) === 3 ? ['Đảng ủy xã Mai Lạp'] : ['Tỉnh ủy Thái Nguyên (riêng cấp này)']),
      'Đảng ủy xã Thanh Mai',
      'Đảng ủy xã Tân Kỳ',
      'Tổng cộng',
    ]);
    const thanhMai = rows.get('Đảng ủy xã Thanh Mai') as ExcelJS.Row;
    expect([thanhMai.getCell(8).value, thanhMai.getCell(9).value]).toEqual([120, 126]);
    expect(thanhMai.getCell(10).value).toBeCloseTo(120 / 126, 10);
    expect(thanhMai.getCell(10).numFmt).toBe('0.00%');
    // Indicator 1 for the province: one commune studied online.
    expect(rows.get('Tổng cộng')?.getCell(5).value).toBeCloseTo(1 / communesIn(thisYear), 10);
  });

  it('gives a secretary their own unit only, and refuses another unit and a bad year', async () => {
    await secretary.say('/xuat');
    const { wb } = await lastWorkbook();
    const indicators = wb.getWorksheet('Chỉ tiêu') as ExcelJS.Worksheet;
    expect(indicators.getRow(indicators.actualRowCount).getCell(2).value).toBe('Tổng cộng');
    expect(wb.getWorksheet('Số đếm')?.getRow(2).getCell(2).value).toBe('Đảng ủy xã Thanh Mai');

    const before = api.callsOf('sendDocument').length;
    expect((await secretary.say('/xuat XA_TANKY'))[0]).toContain('Không có đơn vị "XA_TANKY" trong phạm vi');
    const [bad = ''] = await leader.say('/xuat 1999');
    expect(bad).toContain('Năm 1999 ngoài khoảng');
    expect(bad).toContain('Cách dùng: /xuat');
    expect((await leader.say('/xuat nam-ngoai!'))[0]).toContain('Ví dụ: /xuat 2022, /xuat 2017-2022');
    expect(api.callsOf('sendDocument').length).toBe(before);
  });

  it('exports a past range for a unit below the leader', async () => {
    await leader.say(`/xuat xa_tanky ${thisYear - 1}-${thisYear}`);
    const { wb, call } = await lastWorkbook();
    expect(call?.files[0]?.filename).toBe(`bao-cao-${thisYear - 1}-${thisYear}.xlsx`);
    expect(wb.getWorksheet('Số đếm')?.getRow(2).getCell(2).value).toBe('Đảng ủy xã Tân Kỳ');
    expect(wb.getWorksheet('Hội nghị')?.actualRowCount).toBe(1);
  });
});
