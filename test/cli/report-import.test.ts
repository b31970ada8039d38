import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCommand, runCommand } from '../../src/cli/commands.js';
import { SAMPLES_DIR } from '../../src/cli/demo.js';
import { runImport } from '../../src/cli/import.js';
import { cliHarness, tempFile } from '../helpers/cli-context.js';

const run = (h: ReturnType<typeof cliHarness>, ...argv: string[]) => runCommand(h.ctx, parseCommand(argv));

/** The sample's units, figures and documents, as an office has them before importing its history. */
function office() {
  const h = cliHarness({ now: new Date('2026-03-05T02:00:00Z') });
  for (const [kind, file] of [
    ['units', 'units.csv'],
    ['figures', 'figures.csv'],
    ['documents', 'documents.csv'],
  ] as const)
    expect(runImport(h.ctx, kind, path.join(SAMPLES_DIR, file))).toBe(0);
  return h;
}

const count = (h: ReturnType<typeof cliHarness>, table: string) =>
  h.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

const HEADER = 'ma,ngay,van_ban,hinh_thuc,diem_cau,phai_hoc_tap,co_mat,quan_chung,hoc_bu,bao_cao_vien';
const GOOD = [
  'XA_DONGTAM,12/03/2019,35-NQ/TW,ket_hop,1,217,190,12,không,có',
  'XA_DONGTAM,26/03/2019,35-NQ/TW,truc_tiep,,217,9,0,có,không',
  'XA_TANSON,14/03/2019,35-NQ/TW; 37-NQ/TW,truc_tiep,,280,251,20,không,có',
];

describe('import of past conference reports (CSV)', () => {
  it('changes nothing for a file with a bad row, and names its row and column the way the chat form would', async () => {
    const h = office();
    const file = tempFile(
      'hoi-nghi.csv',
      [
        HEADER,
        ...GOOD,
        'XA_TANSON,14/03/2019,35-NQ/TW,truc_tiep,,280,300,20,không,có',
        'XA_DONGTAM,12/07/2025,35-NQ/TW,truc_tiep,,217,190,0,không,có',
        'XA_DONGTAM,12/03/2019,99-NQ/TW,truc_tiep,,217,190,0,không,có',
        'CB_CHOMOI_2025_UBND,12/08/2025,35-NQ/TW,truc_tuyen,,10,9,0,không,có',
        ...GOOD.slice(0, 1),
      ].join('\n'),
    );
    expect(await run(h, 'import', 'hoi_nghi', file)).toBe(1);
    const err = h.err();
    expect(err).toContain('Không nhập được tệp hoi-nghi.csv: có 5 lỗi. Chưa có gì thay đổi');
    expect(err).toContain(
      'Dòng 5, cột "co_mat": Số có mặt (300) không thể lớn hơn số đảng viên phải học tập (280).',
    );
    expect(err).toContain(
      'Dòng 6, cột "ngay": Ngày 12/07/2025 nằm ngoài thời gian hoạt động của Đảng ủy thị trấn Đồng Tâm.',
    );
    expect(err).toContain('Dòng 7, cột "van_ban": Không tìm thấy văn bản "99-NQ/TW" trong danh mục.\n');
    // The form asks for bridge points of an online conference; a chi bộ's figures do not exist yet.
    expect(err).toContain('Dòng 8, cột "diem_cau": ô này không được để trống.');
    expect(err).toContain('Dòng 9: trùng với dòng 2');
    expect(count(h, 'conference_reports')).toBe(0);
    expect(count(h, "audit_log WHERE entity = 'report_import'")).toBe(0);
  });

  it('adds the reports, then updates in place on a second import instead of adding them again', async () => {
    const h = office();
    const file = tempFile('hoi-nghi.csv', [HEADER, ...GOOD].join('\n'));
    expect(await run(h, 'import', 'hoi_nghi', file)).toBe(0);
    expect(h.out()).toContain('Đã nhập hoi-nghi.csv: 3 hội nghị; thêm mới 3, cập nhật 0, không đổi 0.');
    fs.writeFileSync(file, [HEADER, GOOD[0]?.replace(',190,', ',195,'), ...GOOD.slice(1)].join('\n'));
    expect(await run(h, 'import', 'hoi_nghi', file)).toBe(0);
    expect(h.out()).toContain('Đã nhập hoi-nghi.csv: 3 hội nghị; thêm mới 0, cập nhật 1, không đổi 2.');
    expect(count(h, 'conference_reports')).toBe(3);
    expect(
      h.db.$client
        .prepare("SELECT present FROM conference_reports WHERE held_on = '2019-03-12'")
        .pluck()
        .get(),
    ).toBe(195);
    // The summaries /tiendo reads follow: Tân Sơn studied two documents in one session.
    expect(count(h, 'study_pairs')).toBe(3);
    const audit = h.db.$client
      .prepare(
        "SELECT actor_label AS who, entity_id AS file, after FROM audit_log WHERE entity = 'report_import'",
      )
      .all() as { who: string; file: string; after: string }[];
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ who: 'cli', file: 'hoi-nghi.csv' });
    expect(JSON.parse(audit[1]?.after ?? '{}').sheets).toEqual([
      { kind: 'hoi_nghi', rows: 3, created: 0, updated: 1, unchanged: 2 },
    ]);
  });

  it('refuses a kind the unit does not file: a chi bộ keeps no reporter training', async () => {
    const h = office();
    const file = tempFile(
      'tap-huan.csv',
      'ma,nam,ngay,so_duoc_tap_huan\nCB_CHOMOI_2025_UBND,2025,01/08/2025,2',
    );
    expect(await run(h, 'import', 'tap_huan_bcv', file)).toBe(1);
    expect(h.err()).toContain(
      'Dòng 2, cột "ma": Chi bộ Cơ quan Ủy ban nhân dân xã Chợ Mới (Chi bộ) không báo cáo loại này.',
    );
  });
});

describe('import reports: a workbook with a sheet per kind', () => {
  async function workbook(fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
    const h = cliHarness();
    const file = tempFile('mau.xlsx', '');
    expect(await run(h, 'template', 'reports', file)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    fill(wb);
    await wb.xlsx.writeFile(file);
    return file;
  }
  const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name) as ExcelJS.Worksheet;

  it('names the sheet and the Excel row of the first bad cell, and saves nothing from any sheet', async () => {
    const file = await workbook((wb) => {
      sheet(wb, 'tap_huan_bcv').addRow(['XA_DONGTAM', 2019, new Date(Date.UTC(2019, 6, 2)), 60]);
    });
    const h = office();
    expect(await run(h, 'import', 'reports', file)).toBe(1);
    expect(h.err()).toContain(
      'Trang "tap_huan_bcv", dòng 3, cột "so_duoc_tap_huan": Số được tập huấn (60) không thể lớn hơn số báo cáo viên',
    );
    expect(count(h, 'conference_reports') + count(h, 'action_plans') + count(h, 'reporter_trainings')).toBe(
      0,
    );
  });

  it('imports every sheet of the template, date cells and number cells alike', async () => {
    const file = await workbook(() => undefined);
    const h = office();
    expect(await run(h, 'import', 'reports', file), h.err()).toBe(0);
    const out = h.out();
    expect(out).toContain('Đã nhập mau.xlsx: 1 hội nghị; thêm mới 1');
    expect(out).toContain('Đã nhập mau.xlsx: 1 đợt khen thưởng; thêm mới 1');
    expect(h.db.$client.prepare('SELECT held_on, trained FROM reporter_trainings').get()).toEqual({
      held_on: '2019-06-20',
      trained: 5,
    });
    expect(await run(h, 'import', 'reports', file)).toBe(0);
    expect(h.out()).toContain('Đã nhập mau.xlsx: 1 hội nghị; thêm mới 0, cập nhật 0, không đổi 1.');
  });
});
