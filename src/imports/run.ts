import type { Db } from '../db/client.js';
import { flushWrites } from '../db/deferred.js';
import { inTransaction } from '../db/tx.js';
import { normalizeHeader } from '../domain/csv-import.js';
import type { CsvRecord } from '../domain/csv-read.js';
import { ReportImport, type ReportImportOptions, type ReportImportOutcome } from './report-import.js';
import { isReportImportKind, type ReportImportKind } from './report-specs.js';

/*
 * The two ways an import of past reports is held in one transaction: all rows in memory (a file sent in the
 * chat, a CSV file), or a workbook streamed sheet by sheet (the CLI, whose connection is its own, so the
 * transaction may stay open across reads). Either way a file with one bad row changes nothing.
 */

export interface SheetIn<R> {
  /** The kind, or null when the sheet's name is not one (the workbook's "Hướng dẫn" is skipped). */
  kind: ReportImportKind | null;
  name: string;
  records: R;
}

/** The sheet a workbook's sheet name stands for: `hoi_nghi`, `Hoi nghi`; null for a sheet to skip. */
export function sheetKind(name: string): ReportImportKind | null {
  const k = normalizeHeader(name);
  return isReportImportKind(k) ? k : null;
}

/** The sheet of a workbook's guide (templates.ts), skipped on import; another sheet named by no kind is an error. */
export const GUIDE_SHEET = 'Hướng dẫn';

const UNKNOWN_SHEET = (name: string, kinds: string) =>
  `trang tính "${name}" không phải loại báo cáo nào; tên trang phải là một trong: ${kinds}.`;

class Rollback extends Error {
  constructor(readonly outcome: ReportImportOutcome) {
    super('rollback');
  }
}

function unknownSheet(imp: ReportImport, name: string, kinds: readonly string[]): void {
  if (normalizeHeader(name) === normalizeHeader(GUIDE_SHEET)) return;
  imp.errors.push({ line: 1, column: null, message: UNKNOWN_SHEET(name, kinds.join(', ')), sheet: name });
}

/**
 * Rows held in memory, in one synchronous transaction (nothing else runs meanwhile). `check`: everything is
 * checked and counted as for real, then undone (the chat's /nhap shows it before the administrator confirms).
 */
export function importSheets(
  db: Db,
  opts: ReportImportOptions,
  file: string,
  sheets: Iterable<SheetIn<readonly CsvRecord[]>>,
  kinds: readonly string[],
  check = false,
): ReportImportOutcome {
  try {
    return inTransaction(db, () => {
      const imp = new ReportImport(db, opts);
      for (const { kind, name, records } of sheets) {
        if (kind === null) {
          unknownSheet(imp, name, kinds);
          continue;
        }
        const [head, ...body] = records;
        if (!imp.header(kind, name, head)) continue;
        for (const r of body) {
          if (imp.full) break;
          imp.row(r);
        }
      }
      const out = imp.finish(file);
      if (!out.ok || check) throw new Rollback(out);
      return out;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.outcome;
    throw e;
  }
}

/**
 * A workbook read as a stream, written as it is read inside one transaction left open across the reads. Only
 * for a connection nobody else uses meanwhile (the CLI's): another handler's writes would join it.
 */
export async function importSheetStream(
  db: Db,
  opts: ReportImportOptions,
  file: string,
  sheets: AsyncIterable<SheetIn<AsyncIterable<CsvRecord>>>,
  kinds: readonly string[],
): Promise<ReportImportOutcome> {
  flushWrites(db);
  const c = db.$client;
  c.exec('BEGIN IMMEDIATE');
  let committed = false;
  try {
    const imp = new ReportImport(db, opts);
    for await (const { kind, name, records } of sheets) {
      if (kind === null) unknownSheet(imp, name, kinds);
      let head = true;
      for await (const r of records) {
        // Every row of the sheet is read, even when skipped: the stream goes sheet after sheet.
        if (kind === null || imp.full) continue;
        if (head) {
          head = false;
          if (!imp.header(kind, name, r)) continue;
        } else imp.row(r);
      }
      if (kind !== null && head) imp.header(kind, name, undefined);
    }
    const out = imp.finish(file);
    if (out.ok) {
      c.exec('COMMIT');
      committed = true;
    }
    return out;
  } finally {
    if (!committed && c.inTransaction) c.exec('ROLLBACK');
  }
}
