/*
 * An .xlsx workbook read as a stream, sheet by sheet and row by row, in flat memory.
 *
 * exceljs's WorkbookReader parses a row at a time, but it reads the zip in file order and needs the workbook,
 * its relationships and shared strings before a sheet; when they come after the sheets (as in files exceljs
 * itself writes: xl/workbook.xml last) its deferral to temporary files ends the zip early and the read fails
 * ("Cannot read properties of undefined (reading 'sheets')", exceljs issue #962). So the zip is opened by its
 * central directory (unzipper, which exceljs reads it with) and the reader's parts are fed in the order it needs.
 * Those parts are exceljs 4.4.0's own (pinned in package.json); test/unit/xlsx-stream.test.ts holds them to it.
 */
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import type { CsvRecord } from '../domain/csv-read.js';
import { cellText } from './cells.js';

export interface StreamedSheet {
  name: string;
  /** Non-empty rows; `line` is the Excel row number. Read each sheet to its end before the next. */
  records: AsyncIterable<CsvRecord>;
}

type Entry = { path: string; stream: () => NodeJS.ReadableStream };

/** The parts of exceljs's WorkbookReader this file drives. */
interface ReaderParts {
  model?: { sheets?: Array<{ name: string; rId: string }> };
  workbookRels?: Array<{ Id: string; Target: string }>;
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncIterable<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Iterable<{ value: ExcelJS.Row[] }>;
}

async function* rowsOf(sheet: AsyncIterable<ExcelJS.Row>): AsyncGenerator<CsvRecord> {
  for await (const row of sheet) {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    if (cells.length > 0) yield { line: row.number, cells };
  }
}

/** `worksheets/sheet1.xml` or `/xl/worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`. */
const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);

/** A file by its path, or bytes (a file sent in the chat); throws when it is not an .xlsx workbook. */
export async function* streamSheets(source: string | Buffer): AsyncGenerator<StreamedSheet> {
  const dir = await (typeof source === 'string' ? unzipper.Open.file(source) : unzipper.Open.buffer(source));
  const entries: Entry[] = dir.files;
  const part = (path: string) => entries.find((e) => e.path === path);
  // The reader's own input is never read: its parts are fed below.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader('', {
    sharedStrings: 'cache',
    // Styles tell a date cell from a number cell.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  }) as unknown as ReaderParts;
  const rels = part('xl/_rels/workbook.xml.rels');
  const book = part('xl/workbook.xml');
  if (!rels || !book) throw new Error('not an xlsx workbook');
  await reader._parseRels(rels.stream());
  await reader._parseWorkbook(book.stream());
  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(strings.stream()));
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(styles.stream());
  for (const sheet of reader.model?.sheets ?? []) {
    const rel = reader.workbookRels?.find((r) => r.Id === sheet.rId);
    const entry = rel && part(partPath(rel.Target));
    const sheetNo = entry && /sheet(\d+)\.xml$/.exec(entry.path)?.[1];
    if (!entry || !sheetNo) continue;
    for (const { value } of reader._parseWorksheet(
      entry.stream() as unknown as AsyncIterable<unknown>,
      sheetNo,
    )) {
      yield { name: sheet.name, records: rowsOf(value as unknown as AsyncIterable<ExcelJS.Row>) };
    }
  }
}
