/*
 * Checks a units file against itself and the units already saved: every parent and successor exists
 * (a parent may come later in the file), and no unit ends up its own ancestor.
 */
import type { ImportError, Line } from './csv-import.js';
import type { UnitRow } from './import-tables.js';

/** What the tree needs to know of a saved unit: its code (upper case) → its parent's code. */
export type SavedTree = ReadonlyMap<string, string | null>;

export function validateUnitTree(rows: readonly Line<UnitRow>[], saved: SavedTree): ImportError[] {
  const parentOf = new Map(saved);
  for (const { row } of rows) parentOf.set(row.code, row.parentCode);
  const errors: ImportError[] = [];

  for (const { line, row } of rows) {
    if (row.parentCode !== null && !parentOf.has(row.parentCode))
      errors.push({
        line,
        column: 'ma_cap_tren',
        message: `không tìm thấy đơn vị cấp trên ${row.parentCode} (trong tệp và trong dữ liệu đã có).`,
      });
    if (row.successorCode !== null && !parentOf.has(row.successorCode))
      errors.push({
        line,
        column: 'ma_sap_nhap_vao',
        message: `không tìm thấy đơn vị ${row.successorCode} (trong tệp và trong dữ liệu đã có).`,
      });
  }

  // Report each cycle once, on the first line of the file that belongs to it.
  const reported = new Set<string>();
  for (const { line, row } of rows) {
    if (reported.has(row.code)) continue;
    const path = [row.code];
    let at = row.parentCode;
    while (at !== null && at !== undefined && at !== row.code && !path.includes(at)) {
      path.push(at);
      at = parentOf.get(at) ?? null;
    }
    if (at === row.code && path.length > 1) {
      for (const c of path) reported.add(c);
      errors.push({
        line,
        column: 'ma_cap_tren',
        message: `vòng lặp cấp trên: ${[...path, row.code].join(' → ')}.`,
      });
    }
  }
  return errors.sort((a, b) => a.line - b.line);
}
