/* Excel cells ↔ the text and values the rest of the bot speaks. */
import type { CellValue } from 'exceljs';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A cell as the CSV engine expects its text: a date cell → `dd/mm/yyyy`, a number → its digits (a
 * fraction with a decimal comma, so the import says it is not a whole number), yes/no → `có`/`không`.
 * exceljs reads a date cell as midnight UTC of that calendar day.
 */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.normalize('NFC').trim();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v).replace('.', ',');
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    return `${two(v.getUTCDate())}/${two(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  }
  if ('richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .normalize('NFC')
      .trim();
  if ('hyperlink' in v) return String(v.text ?? '').trim();
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: CellValue }).result;
    return result === undefined ? '' : cellText(result);
  }
  if ('error' in v) return String(v.error);
  return '';
}

/** An ISO calendar day as the Date exceljs writes as that day (no time, no time zone shift). */
export function excelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export const DATE_FORMAT = 'dd/mm/yyyy';
export const PERCENT_FORMAT = '0.00%';
export const NUMBER_FORMAT = '#,##0';
