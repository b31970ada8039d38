/*
 * Empty .xlsx templates for `import`: the same columns as the CSV files, one example row (from
 * data-samples/ and holidays/), and a sheet "Hướng dẫn" saying what goes in each column.
 */
import ExcelJS from 'exceljs';
import type { Column, Table } from '../domain/csv-import.js';
import { UNIT_KIND_VALUES } from '../domain/import-tables.js';
import { excelDate } from '../xlsx/cells.js';
import { addTableSheet, type ColumnKind, type SheetValue } from '../xlsx/sheet.js';
import { IMPORTERS, type ImportKind } from './importers.js';

interface Guide {
  kind: ColumnKind;
  /** As the CSV sample writes it: `01/07/2025`, `232`. */
  example: string;
  explain: string;
}

type Guides<R> = { [K in keyof R]: Guide };

interface Template<R> {
  sheet: string;
  guides: Guides<R>;
}

const REQUIRED = 'Bắt buộc.';
const DATE = 'Ngày dd/mm/yyyy (ô kiểu ngày của Excel hoặc chữ).';
const COUNT = 'Số nguyên không âm.';

type RowOf<K extends ImportKind> = (typeof IMPORTERS)[K] extends { table: Table<infer R> } ? R : never;

const TEMPLATES: { [K in ImportKind]: Template<RowOf<K>> } = {
  units: {
    sheet: 'Đơn vị',
    guides: {
      code: {
        kind: 'code',
        example: 'XA_TANKY_2025',
        explain: `${REQUIRED} Mã đơn vị: chữ không dấu, số, "_", "-", "." (tối đa 40 ký tự), không trùng.`,
      },
      name: { kind: 'text', example: 'Đảng ủy xã Tân Kỳ', explain: `${REQUIRED} Tên đầy đủ của đơn vị.` },
      kind: {
        kind: 'code',
        example: 'xa',
        explain: `${REQUIRED} Loại đơn vị: ${UNIT_KIND_VALUES.join(', ')} (xa: xã/phường/thị trấn/đặc khu; co_so: tổ chức cơ sở đảng khác).`,
      },
      parentCode: {
        kind: 'code',
        example: 'TU_THAINGUYEN_2025',
        explain: 'Mã đơn vị cấp trên; để trống với đơn vị cao nhất. Cấp trên có thể nằm ở dòng sau.',
      },
      validFrom: {
        kind: 'date',
        example: '01/07/2025',
        explain: `${REQUIRED} Ngày bắt đầu hiệu lực. ${DATE}`,
      },
      validTo: {
        kind: 'date',
        example: '',
        explain: `Ngày hết hiệu lực (sáp nhập, giải thể); để trống nếu còn hoạt động. ${DATE}`,
      },
      successorCode: {
        kind: 'code',
        example: '',
        explain: 'Mã đơn vị mà đơn vị này sáp nhập vào; để trống nếu không sáp nhập. Có thể bỏ cả cột.',
      },
    },
  },
  figures: {
    sheet: 'Số liệu đơn vị',
    guides: {
      unitCode: {
        kind: 'code',
        example: 'XA_DONGTAM',
        explain: `${REQUIRED} Mã đơn vị đã nhập (import units).`,
      },
      asOf: { kind: 'date', example: '01/01/2020', explain: `${REQUIRED} Ngày của số liệu. ${DATE}` },
      partyMembers: { kind: 'count', example: '232', explain: `${REQUIRED} Số đảng viên. ${COUNT}` },
      exemptMembers: {
        kind: 'count',
        example: '4',
        explain: `${REQUIRED} Số đảng viên miễn sinh hoạt (không lớn hơn số đảng viên). ${COUNT}`,
      },
      reporters: { kind: 'count', example: '6', explain: `${REQUIRED} Số báo cáo viên. ${COUNT}` },
      personalPlanRequired: {
        kind: 'count',
        example: '19',
        explain: `${REQUIRED} Số bí thư, người đứng đầu phải có kế hoạch hành động cá nhân. ${COUNT}`,
      },
      hasLoudspeaker: {
        kind: 'text',
        example: 'có',
        explain: `${REQUIRED} Có hệ thống loa truyền thanh: "có" hoặc "không".`,
      },
      bridgePoints: { kind: 'count', example: '1', explain: `${REQUIRED} Số điểm cầu trực tuyến. ${COUNT}` },
    },
  },
  documents: {
    sheet: 'Văn bản',
    guides: {
      code: {
        kind: 'code',
        example: '35-NQ/TW',
        explain: `${REQUIRED} Số hiệu văn bản: số-loại/cơ quan, ví dụ 35-NQ/TW, 05-CT/TW, 01-KL/TW.`,
      },
      issuedOn: { kind: 'date', example: '22/10/2018', explain: `${REQUIRED} Ngày ban hành. ${DATE}` },
      issuer: { kind: 'text', example: 'Bộ Chính trị', explain: `${REQUIRED} Cơ quan ban hành.` },
      summary: {
        kind: 'text',
        example:
          'Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới',
        explain: `${REQUIRED} Trích yếu nội dung (tối đa 1.000 ký tự).`,
      },
    },
  },
  holidays: {
    sheet: 'Ngày nghỉ lễ',
    guides: {
      day: {
        kind: 'date',
        example: '01/01/2026',
        explain: `${REQUIRED} Ngày nghỉ. ${DATE} Mỗi ngày một dòng.`,
      },
      name: { kind: 'text', example: 'Tết Dương lịch', explain: `${REQUIRED} Tên ngày lễ.` },
    },
  },
};

const GENERAL_NOTES = [
  'Dòng 1 là tiêu đề: giữ nguyên tên cột. Mỗi dòng sau là một bản ghi; xóa dòng ví dụ trước khi nhập.',
  'Nhập: npm run cli -- import <loại> TỆP.xlsx (chỉ đọc trang tính đầu tiên). Một ô sai thì cả tệp không được nhập; thông báo nêu số dòng và tên cột.',
  'Nhập lại cùng tệp thì cập nhật, không tạo bản trùng.',
];

function exampleValue(g: Guide): SheetValue {
  if (g.example === '') return null;
  if (g.kind === 'date') {
    const [d, m, y] = g.example.split('/');
    return excelDate(`${y}-${m}-${d}`);
  }
  return g.kind === 'count' ? Number(g.example) : g.example;
}

/** The template of one import kind, ready to write. */
export function buildTemplate(kind: ImportKind): ExcelJS.Workbook {
  const t = TEMPLATES[kind] as Template<Record<string, unknown>>;
  const columns = IMPORTERS[kind].table.columns as Record<string, Column<unknown>>;
  const keys = Object.keys(columns);
  const guide = (k: string) => t.guides[k] as Guide;
  const wb = new ExcelJS.Workbook();
  addTableSheet(
    wb,
    t.sheet,
    keys.map((k) => ({ header: columns[k]?.header ?? k, kind: guide(k).kind, minWidth: 12 })),
    [keys.map((k) => exampleValue(guide(k)))],
  );
  addTableSheet(
    wb,
    'Hướng dẫn',
    [{ header: 'Cột' }, { header: 'Nội dung' }, { header: 'Ví dụ' }],
    [
      ...keys.map((k) => [columns[k]?.header ?? k, guide(k).explain, guide(k).example]),
      ['', '', ''],
      ...GENERAL_NOTES.map((n) => ['', n, '']),
    ],
  );
  return wb;
}
