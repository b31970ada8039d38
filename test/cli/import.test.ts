import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/import.js';
import { auditLog, documents, unitFigures, units } from '../../src/db/schema.js';
import { cliHarness, tempFile } from '../helpers/cli-context.js';

const UNITS = [
  'ma,ten,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den',
  'XA_A,Đảng ủy xã A,xa,HU_B,01/01/2020,30/06/2025',
  'HU_B,Huyện ủy B,huyen,,01/01/2020,30/06/2025',
].join('\n');

describe('import units', () => {
  it('imports a file twice without duplicates and says what it did', () => {
    const h = cliHarness();
    const file = tempFile('units.csv', UNITS);
    expect(runImport(h.ctx, 'units', file)).toBe(0);
    expect(runImport(h.ctx, 'units', file)).toBe(0);
    expect(h.out()).toBe(
      'Đã nhập units.csv: 2 đơn vị; thêm mới 2, cập nhật 0, không đổi 0.\n' +
        'Đã nhập units.csv: 2 đơn vị; thêm mới 0, cập nhật 0, không đổi 2.',
    );
    expect(h.db.select().from(units).all()).toHaveLength(2);
    expect(h.db.select().from(auditLog).all()).toHaveLength(2);

    const changed = tempFile('units.csv', UNITS.replace('Đảng ủy xã A', 'Đảng ủy xã A mới'));
    runImport(h.ctx, 'units', changed);
    expect(h.out()).toContain('thêm mới 0, cập nhật 1, không đổi 1.');
  });

  it('reads a BOM, ";" and a parent that comes later in the file', () => {
    const h = cliHarness();
    const file = tempFile('don-vi.csv', `\uFEFF${UNITS.replaceAll(',', ';')}\r\n\r\n`);
    expect(runImport(h.ctx, 'units', file)).toBe(0);
    const a = h.db.select().from(units).all();
    expect(a.find((u) => u.code === 'XA_A')?.parentId).toBe(a.find((u) => u.code === 'HU_B')?.id);
  });

  it('changes nothing when one row is bad, and names its line and column', () => {
    const h = cliHarness();
    runImport(h.ctx, 'units', tempFile('units.csv', UNITS));
    const before = h.db.select().from(units).all();
    const bad = `${UNITS.replace('Đảng ủy xã A', 'Tên đã sửa')}\nXA_C,Xã C,xa,HU_KHONGCO,01/01/2020,`;
    expect(runImport(h.ctx, 'units', tempFile('units.csv', bad))).toBe(1);
    expect(h.err()).toBe(
      'Không nhập được tệp units.csv: có 1 lỗi. Chưa có gì thay đổi trong cơ sở dữ liệu; sửa tệp rồi nhập lại.\n' +
        '  Dòng 4, cột "ma_cap_tren": không tìm thấy đơn vị cấp trên HU_KHONGCO (trong tệp và trong dữ liệu đã có).',
    );
    expect(h.db.select().from(units).all()).toEqual(before);
  });

  it('explains a missing file and a file that is not UTF-8', () => {
    const h = cliHarness();
    expect(() => runImport(h.ctx, 'units', '/khong/co/tep.csv')).toThrow(
      'Không tìm thấy tệp /khong/co/tep.csv.',
    );
    const latin = tempFile('x.csv', Buffer.from([0x6d, 0x61, 0x0a, 0xe0, 0xff, 0x0a]));
    expect(() => runImport(h.ctx, 'units', latin)).toThrow(/không phải mã UTF-8/);
  });
});

describe('import figures and documents', () => {
  it('saves figures for saved units and refuses an unknown unit code with its line', () => {
    const h = cliHarness();
    runImport(h.ctx, 'units', tempFile('units.csv', UNITS));
    const header = 'ma,ngay,dang_vien,mien_sinh_hoat,bao_cao_vien,can_ke_hoach_ca_nhan,co_loa,diem_cau';
    const bad = tempFile(
      'so-lieu.csv',
      `${header}\nxa_a,01/01/2024,1.250,5,6,20,có,1\nXA_Z,01/01/2024,10,0,1,2,không,0\n`,
    );
    expect(runImport(h.ctx, 'figures', bad)).toBe(1);
    expect(h.err()).toContain(
      'Dòng 3, cột "ma": không có đơn vị mã XA_Z; hãy nhập đơn vị (import units) trước.',
    );
    expect(h.db.select().from(unitFigures).all()).toEqual([]);

    const good = tempFile('so-lieu.csv', `${header}\nxa_a,01/01/2024,1.250,5,6,20,có,1\n`);
    expect(runImport(h.ctx, 'figures', good)).toBe(0);
    expect(h.db.select().from(unitFigures).all()).toMatchObject([
      { asOf: '2024-01-01', partyMembers: 1250, exemptMembers: 5, hasLoudspeaker: true },
    ]);
  });

  it('derives number and type from the code and upserts on (code, date)', () => {
    const h = cliHarness();
    const text =
      'so_hieu,ngay,co_quan,trich_yeu\n' +
      '35-NQ/TW,22/10/2018,Bộ Chính trị,"Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh"\n' +
      '05-CT/TW,15/05/2016,Bộ Chính trị,Về đẩy mạnh học tập\n';
    const file = tempFile('van-ban.csv', text);
    runImport(h.ctx, 'documents', file);
    runImport(h.ctx, 'documents', file);
    const rows = h.db.select().from(documents).all();
    expect(rows.map((d) => [d.code, d.number, d.type, d.issuedOn])).toEqual([
      ['35-NQ/TW', 35, 'NQ', '2018-10-22'],
      ['05-CT/TW', 5, 'CT', '2016-05-15'],
    ]);
    expect(h.out()).toContain('Đã nhập van-ban.csv: 2 văn bản; thêm mới 0, cập nhật 0, không đổi 2.');
  });
});
