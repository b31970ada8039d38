/* Cell parsers for import columns: each turns one cell into a value or a Vietnamese reason. */
import { foldVietnamese, type Parsed, parseCount, parseStrictDate, preview } from './vn.js';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** A unit code: letters, digits, `_`, `-`, `.`; stored in upper case so `xa_tanky` finds `XA_TANKY`. */
export function unitCode(cell: string): Parsed<string> {
  if (cell === '') return fail('chưa có mã đơn vị.');
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(cell))
    return fail(`mã "${preview(cell)}" chỉ được gồm chữ không dấu, số, "_", "-", "." (tối đa 40 ký tự).`);
  return ok(cell.toUpperCase());
}

export function optionalUnitCode(cell: string): Parsed<string | null> {
  return cell === '' ? ok(null) : unitCode(cell);
}

export function requiredText(max: number) {
  return (cell: string): Parsed<string> => {
    if (cell === '') return fail('ô này không được để trống.');
    if ([...cell].length > max) return fail(`dài quá ${max} ký tự.`);
    return ok(cell.replace(/\s+/g, ' '));
  };
}

export function date(cell: string): Parsed<string> {
  if (cell === '') return fail('chưa có ngày (dd/mm/yyyy).');
  const d = parseStrictDate(cell);
  return d.ok ? d : fail(lowerFirst(d.error));
}

export function optionalDate(cell: string): Parsed<string | null> {
  return cell === '' ? ok(null) : date(cell);
}

export function count(cell: string): Parsed<number> {
  const n = parseCount(cell);
  return n.ok ? n : fail(lowerFirst(n.error));
}

const YES = new Set(['co', 'c', 'x', '1']);
const NO = new Set(['khong', 'k', '0']);

/** `có`/`co`/`x`/`1` → true; `không`/`khong`/`0` → false. */
export function yesNo(cell: string): Parsed<boolean> {
  const f = foldVietnamese(cell);
  if (YES.has(f)) return ok(true);
  if (NO.has(f)) return ok(false);
  return fail(`"${preview(cell)}" không hợp lệ: ghi "có" hoặc "không".`);
}

/** One of a fixed list, typed with or without diacritics: `Chi bộ` → `chi_bo`. */
export function oneOf<const T extends string>(values: readonly T[]) {
  return (cell: string): Parsed<T> => {
    const f = foldVietnamese(cell).replace(/[\s-]+/g, '_');
    const v = values.find((x) => x === f);
    if (v) return ok(v);
    const list = values.join(', ');
    return fail(
      cell === ''
        ? `chưa có giá trị (một trong: ${list}).`
        : `"${preview(cell)}" không hợp lệ; chỉ nhận: ${list}.`,
    );
  };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
