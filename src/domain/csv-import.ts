/*
 * A CSV file as an IT officer saves it from Excel → typed rows, or every problem with its line and column.
 * One engine for every table; a table is a declarative list of columns. Pure: text in, data out.
 */

import { type CsvRecord, readRecords } from './csv-read.js';
import type { Parsed } from './vn.js';
import { foldVietnamese } from './vn.js';

/** A problem found in an import file. */
export interface ImportError {
  /** As in the file: the header is line 1. */
  line: number;
  /** The column's name as the file should write it, or null for a problem with the whole line or file. */
  column: string | null;
  message: string;
  /** The sheet of a workbook read sheet by sheet (an import of reports). */
  sheet?: string;
}

export interface Column<T> {
  header: string;
  /** The column may be left out of the file altogether; its cells then read as ''. */
  optional?: boolean;
  parse: (cell: string) => Parsed<T>;
}

export interface Table<R> {
  columns: { [K in keyof R]: Column<R[K]> };
  /** Checks across cells of one row (e.g. valid_to after valid_from). */
  check?: (row: R) => Array<{ field: keyof R; message: string }>;
  /** Rows that would land on the same record; the second one is an error. */
  unique?: { key: (row: R) => string; field: keyof R; message: (row: R, firstLine: number) => string };
}

export interface Line<R> {
  line: number;
  row: R;
}

export type TableResult<R> = { ok: true; rows: Line<R>[] } | { ok: false; errors: ImportError[] };

export const MAX_ERRORS = 20;

/** `Mã cấp trên`, `MA_CAP_TREN`, `ma-cap-tren` all name the column `ma_cap_tren`. */
export function normalizeHeader(h: string): string {
  return foldVietnamese(h).replace(/[\s-]+/g, '_');
}

export function parseTable<R>(text: string, table: Table<R>): TableResult<R> {
  const read = readRecords(text);
  if (!read.ok) return { ok: false, errors: [read.error] };
  return parseRecords(read.records, table);
}

/** The records of any file (CSV lines, spreadsheet rows), the first one the header, against a table. */
export function parseRecords<R>(records: readonly CsvRecord[], table: Table<R>): TableResult<R> {
  const [head, ...body] = records;
  if (!head)
    return { ok: false, errors: [{ line: 1, column: null, message: 'Tệp trống, không có dòng tiêu đề.' }] };

  const keys = Object.keys(table.columns) as Array<keyof R & string>;
  const spec = (k: keyof R) => table.columns[k] as Column<unknown>;
  const header = readHeader(head, keys, (k) => spec(k));
  if (!header.ok) return header;
  const position = header.position;
  const errors: ImportError[] = [];

  const rows: Line<R>[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    if (errors.length >= MAX_ERRORS) break;
    const extra = extraCells(cells, head.cells.length, line);
    if (extra) {
      errors.push(extra);
      continue;
    }
    const row = {} as R;
    let good = true;
    for (const k of keys) {
      const i = position.get(k);
      const parsed = spec(k).parse(i === undefined ? '' : (cells[i] ?? ''));
      if (parsed.ok) row[k] = parsed.value as R[typeof k];
      else {
        good = false;
        errors.push({ line, column: spec(k).header, message: parsed.error });
      }
    }
    if (!good) continue;
    for (const p of table.check?.(row) ?? [])
      errors.push({ line, column: spec(p.field).header, message: p.message });
    if (table.unique) {
      const key = table.unique.key(row);
      const first = seen.get(key);
      if (first !== undefined) {
        const field = spec(table.unique.field).header;
        errors.push({ line, column: field, message: table.unique.message(row, first) });
      } else seen.set(key, line);
    }
    rows.push({ line, row });
  }
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  if (rows.length === 0)
    return { ok: false, errors: [{ line: 2, column: null, message: 'Tệp không có dòng dữ liệu nào.' }] };
  return { ok: true, rows };
}

/** Where each wanted column is in a header line; every unknown, repeated or missing column is an error. */
export function readHeader<K extends string>(
  head: CsvRecord,
  keys: readonly K[],
  spec: (k: K) => { header: string; optional?: boolean },
): { ok: true; position: Map<K, number> } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const position = new Map<K, number>();
  head.cells.forEach((cell, i) => {
    const name = normalizeHeader(cell);
    const key = keys.find((k) => spec(k).header === name);
    if (!key) {
      const expected = keys.map((k) => spec(k).header).join(', ');
      errors.push({ line: head.line, column: cell, message: `cột lạ; các cột cần có: ${expected}.` });
    } else if (position.has(key)) {
      errors.push({ line: head.line, column: cell, message: 'cột bị lặp lại.' });
    } else position.set(key, i);
  });
  for (const k of keys) {
    if (!position.has(k) && !spec(k).optional)
      errors.push({ line: head.line, column: spec(k).header, message: 'thiếu cột này trong dòng tiêu đề.' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, position };
}

/** Cells past the header's columns that hold something: the line is longer than the file's columns. */
export function extraCells(cells: readonly string[], columns: number, line: number): ImportError | null {
  return cells.slice(columns).some((c) => c !== '')
    ? { line, column: null, message: `dòng có ${cells.length} ô, nhiều hơn số cột (${columns}).` }
    : null;
}

/** `Dòng 4, cột "ma_cap_tren": …`; in a workbook of several sheets, `Trang "hoi_nghi", dòng 4, …`. */
export function describeError(e: ImportError): string {
  const where = e.sheet === undefined ? `Dòng ${e.line}` : `Trang "${e.sheet}", dòng ${e.line}`;
  return e.column === null ? `${where}: ${e.message}` : `${where}, cột "${e.column}": ${e.message}`;
}
