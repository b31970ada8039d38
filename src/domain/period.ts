import { foldVietnamese, type Parsed, preview } from './vn.js';

/** Progress is asked for whole years: one (`2022`) or a range (`2017-2022`). */
export interface YearSpan {
  from: number;
  to: number;
}

export const MIN_PROGRESS_YEAR = 2000;

export const spanDates = (s: YearSpan) => ({ from: `${s.from}-01-01`, to: `${s.to}-12-31` });

export const describeSpan = (s: YearSpan) =>
  s.from === s.to ? `năm ${s.from}` : `giai đoạn ${s.from}–${s.to}`;

/**
 * Why a span of years cannot be asked for (outside MIN_PROGRESS_YEAR to this year, or backwards), or null: the
 * typed command and its buttons, which may be old or forged, keep the same bounds.
 */
export function spanError(span: YearSpan, thisYear: number): string | null {
  const bad = [span.from, span.to].find((y) => y < MIN_PROGRESS_YEAR || y > thisYear);
  if (bad !== undefined) return `Năm ${bad} ngoài khoảng ${MIN_PROGRESS_YEAR}–${thisYear}.`;
  if (span.from > span.to) return `Khoảng năm ${span.from}–${span.to} bị ngược: năm đầu phải trước năm cuối.`;
  return null;
}

export interface ProgressArgs {
  span?: YearSpan;
  /** A unit code as typed, folded to upper case without diacritics. */
  unitCode?: string;
}

/** `/tiendo 2022`, `/tiendo 2017-2022`, `/tiendo XA_THANHMAI 2022`, in any order; `/tongket` alike. */
export function parseProgressArgs(text: string, thisYear: number, command = 'tiendo'): Parsed<ProgressArgs> {
  const out: ProgressArgs = {};
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const range = /^(\d{4})(?:\s*[-–—]\s*(\d{4}))?$/.exec(word);
    if (range) {
      const span = { from: Number(range[1]), to: Number(range[2] ?? range[1]) };
      const error = spanError(span, thisYear);
      if (error) return { ok: false, error };
      out.span = span;
    } else if (/^[\p{L}\d_./-]{2,40}$/u.test(word) && out.unitCode === undefined) {
      out.unitCode = foldVietnamese(word).toUpperCase();
    } else {
      return {
        ok: false,
        error: `Không hiểu "${preview(word)}". Ví dụ: /${command} 2022, /${command} 2017-2022, /${command} XA_THANHMAI 2022.`,
      };
    }
  }
  return { ok: true, value: out };
}
