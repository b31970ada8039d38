import { formatNumber } from '../../domain/vn.js';
import type { Field, FormContext } from '../types.js';

/** Checks and questions that read the same in every form. */

/**
 * "Số có mặt (130) không thể lớn hơn số đảng viên phải học tập (126)." — null when within. `source` follows
 * the limit ("126, theo số liệu ngày …"), `formula` shows how it is reached ("190 = 200 − 10, …").
 */
export function atMost(
  n: number,
  limit: unknown,
  what: string,
  ofWhat: string,
  source = '',
  formula = '',
): string | null {
  if (typeof limit !== 'number' || n <= limit) return null;
  const how = formula ? ` = ${formula}` : '';
  const where = source ? `, ${source}` : '';
  return `${what} (${formatNumber(n)}) không thể lớn hơn ${ofWhat} (${formatNumber(limit)}${how}${where}).`;
}

/** The optional note at the end of a report; names of people do not belong in it (domain: aggregates only). */
export function noteField<C extends FormContext>(prompt: string): Field<C> {
  return { key: 'note', label: 'Ghi chú', kind: 'text', optional: true, maxLength: 1000, prompt };
}

export const noteOf = (v: Record<string, unknown>): string | null =>
  typeof v.note === 'string' ? v.note : null;
