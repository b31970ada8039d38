import { describe, expect, it } from 'vitest';
import { describeError, parseTable } from '../../src/domain/csv-import.js';
import { detectSeparator } from '../../src/domain/csv-read.js';
import { parseDocumentCode } from '../../src/domain/document-code.js';
import { documentsTable, figuresTable, unitsTable } from '../../src/domain/import-tables.js';

const UNITS_HEADER = 'ma,ten,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den';

function errorsOf<R>(
  r: { ok: true; rows: R } | { ok: false; errors: Parameters<typeof describeError>[0][] },
) {
  return r.ok ? [] : r.errors.map(describeError);
}

describe('parseTable on units', () => {
  it('reads rows with their file line numbers, upper-casing codes', () => {
    const r = parseTable(
      `${UNITS_HEADER}\nxa_a,Đảng ủy xã A,xa,TU_X,01/01/2020,\nTU_X,Tỉnh ủy X,tinh,,1/1/2020,30/6/2025\n`,
      unitsTable,
    );
    expect(r).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          row: {
            code: 'XA_A',
            name: 'Đảng ủy xã A',
            kind: 'xa',
            parentCode: 'TU_X',
            validFrom: '2020-01-01',
            validTo: null,
            successorCode: null,
          },
        },
        {
          line: 3,
          row: {
            code: 'TU_X',
            name: 'Tỉnh ủy X',
            kind: 'tinh',
            parentCode: null,
            validFrom: '2020-01-01',
            validTo: '2025-06-30',
            successorCode: null,
          },
        },
      ],
    });
  });

  it('accepts a BOM, ";" and headers with diacritics and capitals, and skips blank lines', () => {
    const text =
      '\uFEFFMã;Tên;Loại;Mã cấp trên;Hiệu lực từ;Hiệu lực đến\r\n\r\nA;"Chi bộ; thôn 1";Chi bộ;;01/01/2020;\r\n;;;;;\r\n\r\n';
    const r = parseTable(text, unitsTable);
    expect(r.ok && r.rows.map((x) => [x.line, x.row.name, x.row.kind])).toEqual([
      [3, 'Chi bộ; thôn 1', 'chi_bo'],
    ]);
  });

  it('reports every bad cell with its line and column, in Vietnamese', () => {
    const text = [
      UNITS_HEADER,
      'A,Đơn vị A,xa,,01/01/2020,31/12/2019',
      'B,,thon,,31/02/2020,',
      'A,Trùng,xa,,01/01/2020,',
      'C,Đơn vị C,xa,C,01/01/2020,',
    ].join('\n');
    expect(errorsOf(parseTable(text, unitsTable))).toEqual([
      'Dòng 2, cột "hieu_luc_den": ngày hết hiệu lực 31/12/2019 trước ngày bắt đầu 01/01/2020.',
      'Dòng 3, cột "ten": ô này không được để trống.',
      'Dòng 3, cột "loai": "thon" không hợp lệ; chỉ nhận: tinh, huyen, xa, co_so, chi_bo.',
      'Dòng 3, cột "hieu_luc_tu": ngày 31/02/2020 không có thật.',
      'Dòng 4, cột "ma": mã A đã có ở dòng 2.',
      'Dòng 5, cột "ma_cap_tren": đơn vị không thể là cấp trên của chính nó.',
    ]);
  });

  it('names a missing, unknown or repeated column on line 1', () => {
    expect(
      errorsOf(parseTable('ma,ten,loai,cap_tren,hieu_luc_tu,ten\nA,B,xa,,01/01/2020\n', unitsTable)),
    ).toEqual([
      'Dòng 1, cột "cap_tren": cột lạ; các cột cần có: ma, ten, loai, ma_cap_tren, hieu_luc_tu, hieu_luc_den, ma_sap_nhap_vao.',
      'Dòng 1, cột "ten": cột bị lặp lại.',
      'Dòng 1, cột "ma_cap_tren": thiếu cột này trong dòng tiêu đề.',
      'Dòng 1, cột "hieu_luc_den": thiếu cột này trong dòng tiêu đề.',
    ]);
  });

  it('counts lines through a quoted cell that spans two lines', () => {
    const r = parseTable(`${UNITS_HEADER}\nA,"Tên\ndài",xa,,01/01/2020,\nB,,xa,,01/01/2020,\n`, unitsTable);
    expect(errorsOf(r)).toEqual(['Dòng 4, cột "ten": ô này không được để trống.']);
  });

  it('explains an unclosed quote, an empty file, a file without rows and a row with too many cells', () => {
    const unclosed = `${UNITS_HEADER}\nA,"Tên ""A""",xa,,01/01/2020,\nB,"Tên,xa,,01/01/2020,\nC,C,xa,,01/01/2020,\n`;
    expect(errorsOf(parseTable(unclosed, unitsTable))).toEqual([
      'Dòng 3: Tệp CSV hỏng: dấu ngoặc kép " mở ở dòng này mà không đóng.',
    ]);
    expect(errorsOf(parseTable('', unitsTable))).toEqual(['Dòng 1: Tệp trống, không có dòng tiêu đề.']);
    expect(errorsOf(parseTable(`${UNITS_HEADER}\n\n`, unitsTable))).toEqual([
      'Dòng 2: Tệp không có dòng dữ liệu nào.',
    ]);
    expect(errorsOf(parseTable(`${UNITS_HEADER}\nA,B,xa,,01/01/2020,,thừa\n`, unitsTable))).toEqual([
      'Dòng 2: dòng có 7 ô, nhiều hơn số cột (6).',
    ]);
  });

  it('stops listing after 20 errors', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `U${i},,xa,,01/01/2020,`);
    const r = parseTable([UNITS_HEADER, ...rows].join('\n'), unitsTable);
    expect(r.ok ? 0 : r.errors.length).toBe(20);
  });
});

describe('parseTable on figures', () => {
  const HEADER = 'ma,ngay,dang_vien,mien_sinh_hoat,bao_cao_vien,can_ke_hoach_ca_nhan,co_loa,diem_cau';

  it('reads counts the Vietnamese way and yes/no with or without diacritics', () => {
    const r = parseTable(
      `${HEADER}\nXA_A,01/01/2024,1.250,5,6,20,có,1\nXA_B,01/01/2024,300,0,3,12,khong,0\n`,
      figuresTable,
    );
    expect(r.ok && r.rows.map((x) => [x.row.partyMembers, x.row.hasLoudspeaker])).toEqual([
      [1250, true],
      [300, false],
    ]);
  });

  it('refuses more exempt members than members, bad counts and a repeated (unit, date)', () => {
    const text = [
      HEADER,
      'XA_A,01/01/2024,1.250,2000,3,4,có,1',
      'XA_A,01/01/2024,12,5,abc,-5,có lẽ,1',
      'xa_a,1/1/2024,100,5,3,4,không,1',
    ].join('\n');
    expect(errorsOf(parseTable(text, figuresTable))).toEqual([
      'Dòng 2, cột "mien_sinh_hoat": 2.000 miễn sinh hoạt nhiều hơn 1.250 đảng viên.',
      'Dòng 3, cột "bao_cao_vien": "abc" không phải là một số.',
      'Dòng 3, cột "can_ke_hoach_ca_nhan": số không được âm.',
      'Dòng 3, cột "co_loa": "có lẽ" không hợp lệ: ghi "có" hoặc "không".',
      'Dòng 4, cột "ngay": số liệu của XA_A ngày 01/01/2024 đã có ở dòng 2.',
    ]);
  });
});

describe('documents', () => {
  it.each([
    ['35-NQ/TW', { code: '35-NQ/TW', number: 35, type: 'NQ', issuer: 'TW' }],
    ['01-KL/TW', { code: '01-KL/TW', number: 1, type: 'KL', issuer: 'TW' }],
    ['294-QD/TW', { code: '294-QĐ/TW', number: 294, type: 'QĐ', issuer: 'TW' }],
    ['07-ĐA/TU', { code: '07-ĐA/TU', number: 7, type: 'ĐA', issuer: 'TU' }],
    ['12-ctr/đu', { code: '12-CTr/ĐU', number: 12, type: 'CTr', issuer: 'ĐU' }],
    ['31-HD/BTCTW', { code: '31-HD/BTCTW', number: 31, type: 'HD', issuer: 'BTCTW' }],
  ])('reads %j', (input, value) => {
    expect(parseDocumentCode(input)).toEqual({ ok: true, value });
  });

  it.each([
    [
      '35/NQ-TW',
      '"35/NQ-TW" không đúng dạng số hiệu văn bản (ví dụ 35-NQ/TW: số - loại / cơ quan ban hành).',
    ],
    ['NQ35', '"NQ35" không đúng dạng số hiệu văn bản (ví dụ 35-NQ/TW: số - loại / cơ quan ban hành).'],
    ['35-TB/TW', 'loại văn bản "TB" không hợp lệ; chỉ nhận: NQ, CT, KL, QĐ, HD, KH, CTr, ĐA.'],
    ['0-NQ/TW', 'số văn bản phải lớn hơn 0.'],
  ])('refuses %j', (input, error) => {
    expect(parseDocumentCode(input)).toEqual({ ok: false, error });
  });

  it('reads a quoted summary with commas', () => {
    const r = parseTable(
      'so_hieu,ngay,co_quan,trich_yeu\n35-NQ/TW,22/10/2018,Bộ Chính trị,"Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh"\n',
      documentsTable,
    );
    expect(r.ok && r.rows[0]?.row.summary).toBe('Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh');
  });
});

describe('detectSeparator', () => {
  it('picks the separator of the header line', () => {
    expect(detectSeparator('ma;ten;loai\n"a,b";c;d')).toBe(';');
    expect(detectSeparator('\uFEFFma,ten,loai\na;b,c,d')).toBe(',');
  });
});
