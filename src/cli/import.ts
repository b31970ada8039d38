import fs from 'node:fs';
import path from 'node:path';
import type { UpsertCounts } from '../db/repositories/upsert.js';
import {
  describeError,
  type ImportError,
  MAX_ERRORS,
  parseRecords,
  parseTable,
  type TableResult,
} from '../domain/csv-import.js';
import type { CsvRecord } from '../domain/csv-read.js';
import { type CliContext, CliError } from './context.js';
import { IMPORTERS, type Importer, type ImportKind } from './importers.js';
import { msg } from './messages.js';

export type ImportOutcome =
  | { ok: true; rows: number; counts: UpsertCounts }
  | { ok: false; errors: ImportError[] };

/** All or nothing: the file is checked in full and saved in one transaction, or nothing changes. */
export function importText<R>(ctx: CliContext, importer: Importer<R>, text: string): ImportOutcome {
  return importParsed(ctx, importer, parseTable(text, importer.table));
}

/** The same, for rows read from a spreadsheet: each record's line is its row number. */
export function importRecords<R>(
  ctx: CliContext,
  importer: Importer<R>,
  records: readonly CsvRecord[],
): ImportOutcome {
  return importParsed(ctx, importer, parseRecords(records, importer.table));
}

function importParsed<R>(ctx: CliContext, importer: Importer<R>, parsed: TableResult<R>): ImportOutcome {
  if (!parsed.ok) return parsed;
  try {
    return ctx.db.transaction((): ImportOutcome => {
      const prepared = importer.prepare(ctx.db, parsed.rows);
      if (!prepared.ok) return { ok: false, errors: prepared.errors.slice(0, MAX_ERRORS) };
      return { ok: true, rows: parsed.rows.length, counts: prepared.save(ctx.now) };
    });
  } catch (e) {
    if (e instanceof Error && e.name === 'SqliteError') throw new CliError(msg.dbError(e.message));
    throw e;
  }
}

export function readFileBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(msg.fileMissing(file));
    throw new CliError(msg.fileUnreadable(file, (e as Error).message));
  }
}

export function readCsvFile(file: string): string {
  const bytes = readFileBytes(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(msg.notUtf8(file));
  }
}

/** `import <kind> <file>`: prints what was saved, or every error with its line and column (exit 1). */
export function runImport(ctx: CliContext, kind: ImportKind, file: string): number {
  const importer = IMPORTERS[kind] as Importer<unknown>;
  return reportImport(ctx, importer, path.basename(file), importText(ctx, importer, readCsvFile(file)));
}

export function reportImport(
  ctx: CliContext,
  importer: Importer<unknown>,
  name: string,
  outcome: ImportOutcome,
): number {
  if (outcome.ok) {
    ctx.out(msg.imported(name, importer.noun, outcome.rows, outcome.counts));
    return 0;
  }
  ctx.err(msg.importFailed(name, outcome.errors.length, MAX_ERRORS));
  for (const e of outcome.errors) ctx.err(`  ${describeError(e)}`);
  if (outcome.errors.length >= MAX_ERRORS) ctx.err(msg.moreErrors(MAX_ERRORS));
  return 1;
}
