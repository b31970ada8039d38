import { formatDate, type Parsed, preview } from '../../domain/vn.js';
import type { Field, FormContext, Option, Values } from '../types.js';

/** Documents as the forms offer them: recent ones as buttons, any one by its number or code. */

export interface DocumentChoice {
  id: number;
  code: string;
  issuedOn: string;
}

export interface DocumentsContext extends FormContext {
  recentDocuments: readonly DocumentChoice[];
  documentsByIds(ids: number[]): DocumentChoice[];
  documentsByNumber(n: number): DocumentChoice[];
  documentsByCode(code: string): DocumentChoice[];
}

export const documentLabel = (d: DocumentChoice) => `${d.code} ngày ${formatDate(d.issuedOn)}`;

/** The recent documents, plus those already chosen (typed by number, so not among the buttons). */
export function documentOptions(c: DocumentsContext, selected: readonly string[]): Option[] {
  const chosen = c.documentsByIds(selected.map(Number));
  const all = [...c.recentDocuments, ...chosen.filter((d) => !c.recentDocuments.some((r) => r.id === d.id))];
  return all.map((d) => ({ value: String(d.id), label: documentLabel(d) }));
}

/** `35`, `35, 57`, `35-NQ/TW`: each piece names one document in the catalogue. */
export function parseDocumentList(text: string, c: DocumentsContext): Parsed<string[]> {
  const pieces = text.split(/[,;\s]+/).filter(Boolean);
  const ids: string[] = [];
  for (const p of pieces) {
    const found = /^\d{1,4}$/.test(p) ? c.documentsByNumber(Number(p)) : c.documentsByCode(p);
    if (found.length === 0) {
      return {
        ok: false,
        error: `Không tìm thấy văn bản "${preview(p)}" trong danh mục. Hãy bấm nút để chọn.`,
      };
    }
    if (found.length > 1 && /^\d+$/.test(p)) {
      const list = found.map(documentLabel).join('; ');
      return {
        ok: false,
        error: `Có ${found.length} văn bản số ${p}: ${list}. Hãy gõ đầy đủ số hiệu hoặc bấm nút.`,
      };
    }
    // Same code in two terms: the newest is meant unless a button says otherwise.
    const newest = [...found].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))[0];
    if (newest && !ids.includes(String(newest.id))) ids.push(String(newest.id));
  }
  return { ok: true, value: ids };
}

export const documentOf = (v: Values, c: DocumentsContext): DocumentChoice | undefined =>
  typeof v.document === 'string' ? c.documentsByIds([Number(v.document)])[0] : undefined;

/** ONE document: a button among the recent ones, or typed like the conference form's list. */
export function documentField<C extends DocumentsContext>(prompt: string): Field<C> {
  return {
    key: 'document',
    label: 'Văn bản',
    kind: 'choice',
    prompt,
    options: (v, c) => documentOptions(c, typeof v.document === 'string' ? [v.document] : []),
    parseText: (text, _v, c) => {
      const r = parseDocumentList(text, c);
      if (!r.ok) return r;
      const [first, ...rest] = r.value;
      if (first === undefined) return { ok: false, error: 'Chưa nhập số văn bản.' };
      if (rest.length > 0) return { ok: false, error: 'Mỗi báo cáo chỉ cho một văn bản: hãy gõ một số.' };
      return { ok: true, value: first };
    },
  };
}
