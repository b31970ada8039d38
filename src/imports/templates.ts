/*
 * Templates of the import of past reports: a sheet per kind named by the kind (what `import reports` reads),
 * its columns, one example row from the Chợ Mới sample (data-samples/bao-cao/), and a guide sheet saying what
 * each column holds, read off the chat form's own questions.
 */
import ExcelJS from 'exceljs';
import type { ReportContext } from '../forms/common/figures.js';
import type { Field } from '../forms/types.js';
import { excelDate } from '../xlsx/cells.js';
import { addTableSheet, type ColumnKind, type SheetValue } from '../xlsx/sheet.js';
import {
  ALL_REPORTS,
  REPORT_IMPORT_KINDS,
  REPORT_SPECS,
  type ReportImportKind,
  type ReportsTarget,
} from './report-specs.js';
import { GUIDE_SHEET } from './run.js';

/** One plausible row per kind, by field key, as a CSV file writes it. */
const EXAMPLES: Record<ReportImportKind, Record<string, string>> = {
  hoi_nghi: {
    unit: 'XA_DONGTAM',
    heldOn: '12/03/2019',
    documents: '35-NQ/TW; 37-NQ/TW',
    form: 'ket_hop',
    bridgePoints: '1',
    eligible: '217',
    present: '204',
    nonMembers: '35',
    makeUp: 'không',
    reporter: 'có',
    note: '',
  },
  ke_hoach_hanh_dong: { unit: 'XA_DONGTAM', document: '35-NQ/TW', issuedOn: '02/04/2019' },
  ke_hoach_ca_nhan: { unit: 'XA_DONGTAM', year: '2019', withPlan: '17' },
  kiem_tra_giam_sat: { unit: 'XA_DONGTAM', year: '2019', body: 'ubkt', approvedOn: '15/01/2019' },
  tap_huan_bcv: { unit: 'XA_DONGTAM', year: '2019', heldOn: '20/06/2019', trained: '5' },
  khao_sat: { unit: 'XA_DONGTAM', heldOn: '15/08/2022', surveyed: '250', aware: '200' },
  khen_thuong: { unit: 'HU_CHOMOI', awardedOn: '22/09/2022', collectives: '4', individuals: '7', note: '' },
  co_so_vat_chat: { unit: 'XA_DONGTAM', asOf: '01/03/2018', hasLoudspeaker: 'có', bridgePoints: '1' },
};

const CHOICES: Record<string, string> = {
  form: 'truc_tiep (trực tiếp), truc_tuyen (trực tuyến) hoặc ket_hop (kết hợp)',
  body: 'cap_uy (cấp ủy) hoặc ubkt (ủy ban kiểm tra)',
};

function columnKind(f: Field<ReportContext>): ColumnKind {
  if (f.key === 'unit' || f.kind === 'choice' || f.kind === 'multi') return 'code';
  if (f.kind === 'date') return 'date';
  if (f.kind === 'count') return 'count';
  if (f.kind === 'year') return 'year';
  return 'text';
}

function explain(f: Field<ReportContext>, optional: boolean): string {
  const what =
    f.key === 'unit'
      ? 'Mã đơn vị đã nhập (import units); đơn vị cũ đã sáp nhập vẫn dùng mã của nó.'
      : f.kind === 'multi'
        ? `${f.label}: số hiệu văn bản trong danh mục, nhiều văn bản cách nhau bằng dấu ";".`
        : f.kind === 'choice' && f.key !== 'document'
          ? `${f.label}: ${CHOICES[f.key] ?? ''}.`
          : f.kind === 'choice'
            ? `${f.label}: số hiệu văn bản trong danh mục, ví dụ 35-NQ/TW.`
            : f.kind === 'date'
              ? `${f.label}: ngày dd/mm/yyyy, trong thời gian đơn vị hoạt động, không sau hôm nay.`
              : f.kind === 'year'
                ? `${f.label}: năm, ví dụ 2019.`
                : f.kind === 'yesno'
                  ? `${f.label}: "có" hoặc "không".`
                  : f.kind === 'count'
                    ? `${f.label}: số nguyên không âm, kiểm tra như khi báo cáo trong Telegram.`
                    : `${f.label}.`;
  const when = f.when
    ? ' Chỉ ghi khi câu hỏi này áp dụng (ví dụ điểm cầu khi họp trực tuyến); không thì để trống.'
    : '';
  return `${optional ? 'Không bắt buộc.' : 'Bắt buộc.'} ${what}${when}`;
}

function exampleValue(kind: ColumnKind, text: string): SheetValue {
  if (text === '') return null;
  if (kind === 'date') {
    const [d, m, y] = text.split('/');
    return excelDate(`${y}-${m}-${d}`);
  }
  return kind === 'count' || kind === 'year' ? Number(text) : text;
}

/** The template of one kind, or of every kind (`reports`), ready to write. */
export function buildReportTemplate(target: ReportsTarget): ExcelJS.Workbook {
  const kinds = target === ALL_REPORTS ? REPORT_IMPORT_KINDS : [target];
  const wb = new ExcelJS.Workbook();
  const guide: string[][] = [];
  for (const kind of kinds) {
    const spec = REPORT_SPECS[kind];
    const fields = Object.keys(spec.headers).map((k) => {
      const f = spec.def.fields.find((x) => x.key === k);
      if (!f) throw new Error(`${kind}: no field ${k}`);
      return f;
    });
    const optional = (f: Field<ReportContext>) =>
      (spec as { optional?: readonly string[] }).optional?.includes(f.key) ?? false;
    const header = (f: Field<ReportContext>) => spec.headers[f.key as keyof typeof spec.headers] as string;
    addTableSheet(
      wb,
      kind,
      fields.map((f) => ({ header: header(f), kind: columnKind(f), minWidth: 12 })),
      [fields.map((f) => exampleValue(columnKind(f), EXAMPLES[kind][f.key] ?? ''))],
    );
    guide.push(
      [kind, spec.def.title, ''],
      ...fields.map((f) => [header(f), explain(f, optional(f)), EXAMPLES[kind][f.key] ?? '']),
      ['', '', ''],
    );
  }
  addTableSheet(
    wb,
    GUIDE_SHEET,
    [{ header: 'Cột' }, { header: 'Nội dung' }, { header: 'Ví dụ' }],
    [
      ...guide,
      [
        '',
        'Dòng 1 của mỗi trang là tiêu đề: giữ nguyên tên cột và tên trang. Xóa dòng ví dụ trước khi nhập.',
        '',
      ],
      [
        '',
        'Mỗi dòng được kiểm tra như khi báo cáo trong Telegram. Một ô sai thì cả tệp không được nhập.',
        '',
      ],
      [
        '',
        'Nhập lại cùng tệp thì cập nhật các báo cáo đã có (cùng đơn vị, cùng ngày/năm, cùng văn bản), không tạo bản trùng.',
        '',
      ],
    ],
  );
  return wb;
}
