/* The first sheet of an .xlsx workbook as records for the import engine: one per non-empty row. */
import ExcelJS from 'exceljs';
import type { CsvRecord } from '../domain/csv-read.js';
import { cellText } from './cells.js';

export interface SheetRecords {
  sheetName: string;
  /** `line` is the Excel row number, so errors name the row the administrator sees. */
  records: CsvRecord[];
}

/** Throws when the bytes are not an .xlsx workbook; returns no records for a workbook with no sheet. */
export async function readFirstSheet(bytes: Buffer): Promise<SheetRecords> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) return { sheetName: '', records: [] };
  const records: CsvRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    // Formatted but empty cells at the end of a row are not columns.
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    if (cells.length > 0) records.push({ line: rowNumber, cells });
  });
  return { sheetName: sheet.name, records };
}
