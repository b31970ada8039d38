/*
 * The summary report as a Word document in the Party's layout (Hướng dẫn 36-HD/VPTW): A4, margins
 * top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman 14 pt (13 pt in the table), the letterhead
 * in two columns, the title centred, three sections with the indicators' table, "Nơi nhận" and the
 * signing block (T/M …, the signer's position, room to sign, the name) at the end; pages numbered at the
 * top from the second. Built with the `docx` package: no Word, no LibreOffice, no network.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { fraction, type IndicatorResult } from '../domain/indicators.js';
import type { Letterhead } from '../domain/letterhead.js';
import { percent } from '../domain/progress-format.js';
import { SECTION_TITLES, type SummaryText, verdict } from '../domain/summary-text.js';

export interface SummaryDocument {
  letterhead: Letterhead;
  /** `Thái Nguyên, ngày 31 tháng 12 năm 2025`. */
  dateLine: string;
  text: SummaryText;
  results: IndicatorResult[];
  /** "Nơi nhận" lines, without the leading dash. */
  recipients: string[];
  signer: Signer;
}

export interface Signer {
  /** `BÍ THƯ` or `PHÓ BÍ THƯ`. */
  position: string;
  /** Empty: the lines are left for the name to be written by hand. */
  name: string;
}

const FONT = 'Times New Roman';
const PT = (n: number) => n * 2; // docx sizes are half-points
/** Millimetres to twentieths of a point, rounded (docx's own converter truncates: 20 mm would be 1133). */
const mm = (n: number) => Math.round((n * 1440) / 25.4);
const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
/** A4 (210 mm) less the margins. */
const TEXT_WIDTH = mm(210 - 30 - 15);

interface Line {
  text: string;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}

function line(l: Line, align: 'center' | 'left' | 'both' = 'center', after = 0): Paragraph {
  return new Paragraph({
    alignment:
      align === 'center' ? AlignmentType.CENTER : align === 'both' ? AlignmentType.BOTH : AlignmentType.LEFT,
    spacing: { before: 0, after },
    children: [
      new TextRun({
        text: l.text,
        bold: l.bold,
        italics: l.italics,
        underline: l.underline ? {} : undefined,
        size: PT(l.size ?? 14),
      }),
    ],
  });
}

/** Body text: justified, first line indented 1 cm, 6 pt after, 1.2 lines. */
function body(children: ParagraphChild[] | string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: mm(10) },
    spacing: { before: 0, after: 120, line: 288 },
    children: typeof children === 'string' ? [new TextRun(children)] : children,
  });
}

const heading = (text: string) =>
  new Paragraph({
    indent: { firstLine: mm(10) },
    spacing: { before: 200, after: 120 },
    keepNext: true,
    children: [new TextRun({ text, bold: true })],
  });

/** A cell of the letterhead or the signature block: no border, no padding, text from the top. */
function bareCell(paragraphs: Paragraph[], width: number): TableCell {
  return new TableCell({
    children: paragraphs,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.TOP,
    borders: TableBorders.NONE,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  });
}

/** Two columns without borders: the letterhead and the signature block. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftShare: number): Table {
  const a = Math.round(TEXT_WIDTH * leftShare);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [a, TEXT_WIDTH - a],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [bareCell(left, a), bareCell(right, TEXT_WIDTH - a)] })],
  });
}

function letterheadTable(d: SummaryDocument): Table {
  const h = d.letterhead;
  const left = [
    ...(h.above ? [line({ text: h.above })] : []),
    line({ text: h.issuer, bold: true }),
    line({ text: '*' }),
    line({ text: h.number }),
  ];
  // The place and date on the row of the number, as in 36-HD/VPTW's own heading.
  const right = [
    line({ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true, underline: true, size: 15 }),
    ...Array.from({ length: Math.max(1, left.length - 2) }, () => line({ text: ' ' })),
    line({ text: d.dateLine, italics: true }),
  ];
  // 36-HD/VPTW: the issuer in the left ~45%; 48% keeps "ĐẢNG BỘ TỈNH THÁI NGUYÊN" (14 pt) on one line.
  return twoColumns(left, right, 0.48);
}

// Widths in mm (165 in all): "Kết quả" holds a district's `38.394/42.660` on one line at 13 pt (seen in the PDF
// LibreOffice makes of the Chợ Mới summary; at 25 mm it broke inside the number).
const TABLE_COLUMNS = [
  { title: 'TT', width: mm(10) },
  { title: 'Chỉ tiêu', width: mm(47) },
  { title: 'Kết quả', width: mm(35) },
  { title: 'Tỷ lệ', width: mm(18) },
  { title: 'Mục tiêu', width: mm(22) },
  { title: 'Đánh giá', width: mm(33) },
] as const;

function tableCell(text: string, width: number, opts: { bold?: boolean; left?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: opts.left ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [new TextRun({ text, bold: opts.bold, size: PT(13) })],
      }),
    ],
  });
}

function indicatorTable(results: IndicatorResult[]): Table {
  const widths = TABLE_COLUMNS.map((c) => c.width);
  const w = (i: number) => widths[i] ?? 0;
  const header = new TableRow({
    tableHeader: true,
    children: TABLE_COLUMNS.map((c, i) => tableCell(c.title, w(i), { bold: true })),
  });
  const rows = results.map(
    (r, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          tableCell(String(i + 1), w(0)),
          tableCell(r.name, w(1), { left: true }),
          tableCell(r.ratio === null ? '—' : fraction(r), w(2)),
          tableCell(r.ratio === null ? '—' : percent(r.ratio), w(3)),
          tableCell(r.target === null ? '—' : percent(r.target), w(4)),
          tableCell(verdict(r), w(5), { bold: r.met === false }),
        ],
      }),
  );
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: thin,
      bottom: thin,
      left: thin,
      right: thin,
      insideHorizontal: thin,
      insideVertical: thin,
    },
    rows: [header, ...rows],
  });
}

function closing(d: SummaryDocument): Table {
  const left = [
    new Paragraph({ children: [new TextRun({ text: 'Nơi nhận:', underline: {} })] }),
    ...d.recipients.map((r, i) =>
      line({ text: `- ${r}${i === d.recipients.length - 1 ? '.' : ','}`, size: 12 }, 'left'),
    ),
  ];
  // 36-HD/VPTW: the authority (T/M …) in bold capitals, the position in capitals, the name in bold.
  const right = [
    line({ text: d.letterhead.signedFor, bold: true }),
    line({ text: d.signer.position }),
    ...Array.from({ length: 4 }, () => line({ text: ' ' })),
    line({ text: d.signer.name || ' ', bold: true }),
  ];
  return twoColumns(left, right, 0.5);
}

/** The page number, centred at the top, from page 2 (the first page's header is empty). */
const pageHeaders = () => ({
  default: new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT] })],
      }),
    ],
  }),
  first: new Header({ children: [new Paragraph({ children: [] })] }),
});

/** A numbered clause starts a line: `Đoàn viên, hội viên…`; a percentage stays as it is. */
const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

export function summaryDocument(d: SummaryDocument): Document {
  const t = d.text;
  return new Document({
    creator: d.letterhead.issuer,
    title: t.title,
    styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
    sections: [
      {
        properties: {
          page: { size: { width: mm(210), height: mm(297) }, margin: MARGINS },
          titlePage: true,
        },
        headers: pageHeaders(),
        children: [
          letterheadTable(d),
          line({ text: ' ' }),
          line({ text: 'BÁO CÁO', bold: true, size: 16 }),
          line({ text: t.title, bold: true }),
          line({ text: '-----', bold: false }, 'center', 240),
          heading(SECTION_TITLES.activities),
          body(t.activities),
          heading(SECTION_TITLES.goals),
          body(t.goalsLead),
          ...t.goals.map((g, i) =>
            body(`${i + 1}. ${capitalised(g)}${i === t.goals.length - 1 ? '.' : ';'}`),
          ),
          indicatorTable(d.results),
          heading(SECTION_TITLES.commendations),
          // The body ends with "./." in a Party document.
          body(`${t.commendations}/.`),
          line({ text: ' ' }),
          closing(d),
        ],
      },
    ],
  });
}

export async function renderSummaryDocx(d: SummaryDocument): Promise<Buffer> {
  return Packer.toBuffer(summaryDocument(d));
}
