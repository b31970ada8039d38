/* One way to lay out a table sheet: a bold frozen header, typed cells, column widths that fit. */
import type { Row, Workbook, Worksheet } from 'exceljs';
import { DATE_FORMAT, NUMBER_FORMAT, PERCENT_FORMAT } from './cells.js';

/** text: General; code: stored as text (so Excel keeps `05` and `XA_A` as typed); year: no thousands dot. */
export type ColumnKind = 'text' | 'code' | 'date' | 'count' | 'year' | 'percent';

export interface SheetColumn {
  header: string;
  kind?: ColumnKind;
  /** Never narrower than this many characters (long free text is capped at MAX_WIDTH anyway). */
  minWidth?: number;
}

export type SheetValue = string | number | Date | null;

export interface SheetOptions {
  /** A row above the header naming groups of columns (merged across each group). */
  groups?: { title: string; span: number }[];
  /** Columns kept in view when scrolling right. */
  frozenColumns?: number;
}

const FORMATS: Partial<Record<ColumnKind, string>> = {
  code: '@',
  date: DATE_FORMAT,
  count: NUMBER_FORMAT,
  year: '0',
  percent: PERCENT_FORMAT,
};

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } } as const;

/** How wide a value shows, in characters, roughly as Excel lays it out. */
function shownLength(v: SheetValue, kind: ColumnKind | undefined): number {
  if (v === null) return 0;
  if (v instanceof Date) return 10;
  if (typeof v === 'number') {
    if (kind === 'percent') return 8;
    const digits = String(Math.trunc(Math.abs(v))).length;
    return digits + (kind === 'year' ? 0 : Math.floor((digits - 1) / 3)) + 1;
  }
  return Math.max(...v.split('\n').map((l) => [...l].length));
}

export function addTableSheet(
  wb: Workbook,
  name: string,
  columns: readonly SheetColumn[],
  rows: readonly (readonly SheetValue[])[],
  opts: SheetOptions = {},
): Worksheet {
  const headerRows = opts.groups ? 2 : 1;
  const sheet = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRows, xSplit: opts.frozenColumns ?? 0 }],
  });
  if (opts.groups) {
    let col = 1;
    for (const g of opts.groups) {
      sheet.getCell(1, col).value = g.title;
      if (g.span > 1) sheet.mergeCells(1, col, 1, col + g.span - 1);
      col += g.span;
    }
  }
  columns.forEach((c, i) => {
    sheet.getCell(headerRows, i + 1).value = c.header;
  });
  for (const values of rows) sheet.addRow([...values]);

  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    const format = c.kind ? FORMATS[c.kind] : undefined;
    if (format) column.numFmt = format;
    const longest = Math.max(
      c.header.length,
      c.minWidth ?? 0,
      ...rows.map((r) => shownLength(r[i] ?? null, c.kind)),
    );
    column.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
    if (longest > MAX_WIDTH) column.alignment = { wrapText: true, vertical: 'top' };
  });
  for (let r = 1; r <= headerRows; r++) styleHeader(sheet.getRow(r));
  return sheet;
}

/** After the columns' formats, so a '@' or date format never lands on a header cell. */
function styleHeader(row: Row): void {
  row.eachCell((cell) => {
    cell.numFmt = 'General';
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = HEADER_FILL;
  });
}
