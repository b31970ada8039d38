import { normalizeHeader } from '../domain/csv-import.js';
import type { CsvRecord } from '../domain/csv-read.js';
import { readRecords } from '../domain/csv-read.js';
import { streamSheets } from '../xlsx/stream.js';
import { REPORT_IMPORT_KINDS } from './report-specs.js';
import { type SheetIn, sheetKind } from './run.js';

/*
 * A file sent in the chat, read whole into sheets for importSheets: a workbook sheet by sheet (each named by its
 * kind), or a CSV file of the one kind its name begins with (`hoi_nghi.csv`, `hoi_nghi_2019.csv`).
 */

export type FileSheets =
  | { ok: true; sheets: SheetIn<CsvRecord[]>[] }
  | { ok: false; problem: 'not_xlsx' | 'not_utf8' | 'csv_kind' | 'unknown_type' | 'csv'; detail?: string };

/** The kind a CSV file's name starts with, longest first (`ke_hoach_ca_nhan` before `ke_hoach`). */
function kindOfName(name: string) {
  const base = normalizeHeader(name.replace(/\.csv$/i, ''));
  return [...REPORT_IMPORT_KINDS].sort((a, b) => b.length - a.length).find((k) => base.startsWith(k)) ?? null;
}

export async function sheetsOfFile(name: string, bytes: Buffer): Promise<FileSheets> {
  if (/\.xlsx$/i.test(name)) {
    try {
      const sheets: SheetIn<CsvRecord[]>[] = [];
      for await (const s of streamSheets(bytes)) {
        const records: CsvRecord[] = [];
        for await (const r of s.records) records.push(r);
        sheets.push({ kind: sheetKind(s.name), name: s.name, records });
      }
      return { ok: true, sheets };
    } catch {
      return { ok: false, problem: 'not_xlsx' };
    }
  }
  if (!/\.csv$/i.test(name)) return { ok: false, problem: 'unknown_type' };
  const kind = kindOfName(name);
  if (!kind) return { ok: false, problem: 'csv_kind' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: 'not_utf8' };
  }
  const read = readRecords(text);
  if (!read.ok) return { ok: false, problem: 'csv', detail: read.error.message };
  return { ok: true, sheets: [{ kind, name, records: read.records }] };
}
