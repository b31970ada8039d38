/* A document's code as the Party writes it: `35-NQ/TW` = number 35, type NQ (nghị quyết), issuer TW. */
import { foldVietnamese, type Parsed, preview } from './vn.js';

export const DOCUMENT_TYPES = ['NQ', 'CT', 'KL', 'QĐ', 'HD', 'KH', 'CTr', 'ĐA'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface DocumentCode {
  /** Canonical spelling: `35-NQ/TW`, `07-ĐA/TU`, `01-CTr/HU`. */
  code: string;
  number: number;
  type: DocumentType;
  issuer: string;
}

const SHAPE = /^(\d{1,4})\s*-\s*([\p{L}]{2,3})\s*\/\s*([\p{L}\d]{2,10}(?:-[\p{L}\d]{1,10})?)$/u;

/** Accepts `35-nq/tw` and `294-QD/TW` (without diacritics) and writes them canonically. */
export function parseDocumentCode(input: string): Parsed<DocumentCode> {
  const s = input.trim().normalize('NFC');
  const m = SHAPE.exec(s);
  const types = DOCUMENT_TYPES.join(', ');
  if (!m) {
    return {
      ok: false,
      error: `"${preview(s)}" không đúng dạng số hiệu văn bản (ví dụ 35-NQ/TW: số - loại / cơ quan ban hành).`,
    };
  }
  const [, num = '', rawType = '', rawIssuer = ''] = m;
  const type = DOCUMENT_TYPES.find((t) => foldVietnamese(t) === foldVietnamese(rawType));
  if (!type) return { ok: false, error: `loại văn bản "${rawType}" không hợp lệ; chỉ nhận: ${types}.` };
  const number = Number(num);
  if (number === 0) return { ok: false, error: 'số văn bản phải lớn hơn 0.' };
  const issuer = rawIssuer.toUpperCase();
  return { ok: true, value: { code: `${num}-${type}/${issuer}`, number, type, issuer } };
}
