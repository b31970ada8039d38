/*
 * Checks a units file against itself and the units already saved: every parent and successor exists
 * (a parent may come later in the file), each unit's kind may stand under its parent's (docs/domain.md, "The unit
 * tree"), and no unit ends up its own ancestor.
 */
import type { ImportError, Line } from './csv-import.js';
import type { UnitRow } from './import-tables.js';
import { CHILD_KINDS, KIND_NAMES, type Kind } from './unit-kinds.js';

/** What the tree needs to know of a saved unit, by code (upper case): its parent's code and its kind. */
export type SavedTree = ReadonlyMap<string, { parent: string | null; kind: Kind }>;

function kindProblem(kind: Kind, parentKind: Kind, parentCode: string): string | null {
  const allowed = CHILD_KINDS[parentKind];
  if (allowed.includes(kind)) return null;
  const under =
    allowed.length === 0
      ? 'không có đơn vị trực thuộc'
      : `chỉ có ${allowed.map((k) => KIND_NAMES[k]).join(', ')} trực thuộc`;
  return `${KIND_NAMES[kind]} không thể trực thuộc ${parentCode} (${KIND_NAMES[parentKind]}): ${KIND_NAMES[parentKind]} ${under}.`;
}

export function validateUnitTree(rows: readonly Line<UnitRow>[], saved: SavedTree): ImportError[] {
  const parentOf = new Map([...saved].map(([code, u]) => [code, u.parent]));
  const kindOf = new Map([...saved].map(([code, u]) => [code, u.kind]));
  for (const { row } of rows) {
    parentOf.set(row.code, row.parentCode);
    kindOf.set(row.code, row.kind);
  }
  const errors: ImportError[] = [];

  for (const { line, row } of rows) {
    const parentKind = row.parentCode === null ? undefined : kindOf.get(row.parentCode);
    const nesting = parentKind && row.parentCode ? kindProblem(row.kind, parentKind, row.parentCode) : null;
    if (nesting) errors.push({ line, column: 'loai', message: nesting });
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
