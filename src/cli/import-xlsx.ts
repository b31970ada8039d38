/* `import KIND FILE.xlsx` and `template KIND FILE.xlsx`: spreadsheets through the same import path as CSV. */
import fs from 'node:fs';
import path from 'node:path';
import type { ReportsTarget } from '../imports/report-specs.js';
import { buildReportTemplate } from '../imports/templates.js';
import { readFirstSheet, type SheetRecords } from '../xlsx/read.js';
import { type CliContext, CliError } from './context.js';
import { importRecords, readFileBytes, reportImport, runImport } from './import.js';
import { IMPORTERS, type Importer, type ImportKind, isImportKind } from './importers.js';
import { msg } from './messages.js';
import { buildTemplate } from './templates.js';

export const isXlsx = (file: string) => path.extname(file).toLowerCase() === '.xlsx';

/** An .xlsx file reads its first sheet; anything else is CSV, unchanged. */
export async function runImportFile(ctx: CliContext, kind: ImportKind, file: string): Promise<number> {
  if (!isXlsx(file)) return runImport(ctx, kind, file);
  const importer = IMPORTERS[kind] as Importer<unknown>;
  const sheet = await readXlsx(file);
  return reportImport(ctx, importer, path.basename(file), importRecords(ctx, importer, sheet.records));
}

async function readXlsx(file: string): Promise<SheetRecords> {
  const bytes = readFileBytes(file);
  try {
    return await readFirstSheet(bytes);
  } catch {
    throw new CliError(msg.notXlsx(file));
  }
}

/** `template KIND FILE.xlsx`: an empty workbook to fill and import. */
export async function runTemplate(
  ctx: CliContext,
  kind: ImportKind | ReportsTarget,
  file: string,
): Promise<number> {
  if (!isXlsx(file)) throw new CliError(msg.templateNotXlsx(file), 2);
  const wb = isImportKind(kind) ? buildTemplate(kind) : buildReportTemplate(kind);
  await writeWorkbook(file, await wb.xlsx.writeBuffer());
  ctx.out(msg.templateWritten(file, kind));
  return 0;
}

export async function writeWorkbook(file: string, bytes: ArrayBuffer | Uint8Array): Promise<void> {
  try {
    await fs.promises.writeFile(file, new Uint8Array(bytes as ArrayBuffer));
  } catch (e) {
    throw new CliError(msg.fileUnwritable(file, (e as Error).message));
  }
}
