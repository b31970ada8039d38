/* Reading CSV text as Excel writes it: BOM, `;` or `,`, quoted cells; every record with its line number. */
import { CsvError, parse } from 'csv-parse/sync';
import type { ImportError } from './csv-import.js';

/** The separator Excel used: a Vietnamese-locale Excel writes `;`. Decided from the header line. */
export function detectSeparator(text: string): ';' | ',' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export interface CsvRecord {
  /** The line the record starts on (a quoted cell may span lines). */
  line: number;
  cells: string[];
}

export function readRecords(
  text: string,
): { ok: true; records: CsvRecord[] } | { ok: false; error: ImportError } {
  try {
    const out = parse(text, {
      delimiter: detectSeparator(text),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    // csv-parse gives the line a record ends on; a quoted cell may span lines.
    const records = out.map(({ record, info }) => {
      const cells = record.map((c) => c.normalize('NFC').trim());
      const spanned = record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
      return { line: info.lines - spanned, cells };
    });
    return { ok: true, records };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      const message = 'Tệp CSV hỏng: dấu ngoặc kép " mở ở dòng này mà không đóng.';
      return { ok: false, error: { line: unclosedQuoteLine(text), column: null, message } };
    }
    const line = Number((e as CsvError & { lines?: number }).lines ?? 0);
    return { ok: false, error: { line, column: null, message: 'Tệp CSV hỏng: không đọc được dòng này.' } };
  }
}

/** csv-parse names the line where the file ended; the administrator needs the line where the quote opened. */
function unclosedQuoteLine(text: string): number {
  let line = 1;
  let open = false;
  let openedAt = 1;
  for (const ch of text) {
    if (ch === '\n') line++;
    else if (ch === '"') {
      open = !open;
      if (open) openedAt = line;
    }
  }
  return openedAt;
}
