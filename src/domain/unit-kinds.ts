/** Unit kinds as the Party names them, and which kinds may stand under which (docs/domain.md, "The unit tree"). */

export type Kind = 'tinh' | 'huyen' | 'xa' | 'co_so' | 'chi_bo';

export const KIND_NAMES: Record<Kind, string> = {
  tinh: 'Đảng bộ tỉnh',
  huyen: 'Đảng bộ huyện',
  xa: 'Đảng bộ xã, phường, thị trấn',
  co_so: 'Tổ chức cơ sở đảng khác',
  chi_bo: 'Chi bộ',
};

/** Since 1/7/2025 there is no district level; a tree of before keeps its own. */
export const CHILD_KINDS: Record<Kind, Kind[]> = {
  tinh: ['xa', 'co_so', 'huyen'],
  huyen: ['xa', 'co_so'],
  xa: ['chi_bo'],
  co_so: ['chi_bo'],
  chi_bo: [],
};

/** `XA_THANHMAI_2025`: letters, digits and `_`, kept in upper case. */
export function unitCodeProblem(code: string): string | null {
  if (!/^[A-Z0-9_]{2,40}$/.test(code.toUpperCase())) {
    return 'Mã đơn vị chỉ gồm chữ không dấu, số và dấu gạch dưới, 2–40 ký tự (ví dụ XA_TANKY_2025).';
  }
  return null;
}
