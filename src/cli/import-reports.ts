/*
 * `import <loại báo cáo> TỆP.csv|TỆP.xlsx` and `import reports TỆP.xlsx` (a sheet per kind): past reports through
 * the chat forms' checks, all or nothing (src/imports/report-import.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLI_ACTOR } from '../db/repositories/audit.js';
import { describeError, MAX_ERRORS } from '../domain/csv-import.js';
import { type CsvRecord, readRecords } from '../domain/csv-read.js';
import { isoDateIn } from '../domain/vn.js';
import type { ReportImportOptions, ReportImportOutcome } from '../imports/report-import.js';
import {
  ALL_REPORTS,
  REPORT_IMPORT_KINDS,
  REPORT_SPECS,
  type ReportImportKind,
  type ReportsTarget,
} from '../imports/report-specs.js';
import { importSheetStream, importSheets, type SheetIn, sheetKind } from '../imports/run.js';
import { type StreamedSheet, streamSheets } from '../xlsx/stream.js';
import { type CliContext, CliError } from './context.js';
import { readCsvFile } from './import.js';
import { isXlsx } from './import-xlsx.js';
import { msg } from './messages.js';

/** The first sheet only, as that kind (the template's "Hướng dẫn" comes after it). */
async function* firstSheetAs(
  kind: ReportImportKind,
  sheets: AsyncIterable<StreamedSheet>,
): AsyncGenerator<SheetIn<AsyncIterable<CsvRecord>>> {
  for await (const s of sheets) {
    yield { kind, name: s.name, records: s.records };
    return;
  }
}

async function* byName(sheets: AsyncIterable<StreamedSheet>) {
  for await (const s of sheets) yield { kind: sheetKind(s.name), name: s.name, records: s.records };
}

async function importFile(
  ctx: CliContext,
  target: ReportsTarget,
  file: string,
): Promise<ReportImportOutcome> {
  const opts: ReportImportOptions = {
    actor: CLI_ACTOR,
    today: isoDateIn(ctx.now, ctx.timeZone),
    now: ctx.now,
    namedSheets: target === ALL_REPORTS,
  };
  const name = path.basename(file);
  if (!isXlsx(file)) {
    if (target === ALL_REPORTS) throw new CliError(msg.reportsNotXlsx(file), 2);
    const read = readRecords(readCsvFile(file));
    if (!read.ok) return { ok: false, errors: [read.error] };
    return importSheets(ctx.db, opts, name, [{ kind: target, name, records: read.records }], [target]);
  }
  if (!fs.existsSync(file)) throw new CliError(msg.fileMissing(file));
  const sheets = streamSheets(file);
  try {
    return await importSheetStream(
      ctx.db,
      opts,
      name,
      target === ALL_REPORTS ? byName(sheets) : firstSheetAs(target, sheets),
      REPORT_IMPORT_KINDS,
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'SqliteError') throw new CliError(msg.dbError(e.message));
    throw new CliError(msg.notXlsx(file));
  }
}

export async function runReportImport(ctx: CliContext, target: ReportsTarget, file: string): Promise<number> {
  const outcome = await importFile(ctx, target, file);
  const name = path.basename(file);
  if (!outcome.ok) {
    ctx.err(msg.importFailed(name, outcome.errors.length, MAX_ERRORS));
    for (const e of outcome.errors) ctx.err(`  ${describeError(e)}`);
    if (outcome.errors.length >= MAX_ERRORS) ctx.err(msg.moreErrors(MAX_ERRORS));
    return 1;
  }
  for (const s of outcome.imported.sheets) ctx.out(msg.imported(name, REPORT_SPECS[s.kind].noun, s.rows, s));
  return 0;
}
