import { describe, expect, it } from 'vitest';
import { describeError, type Line } from '../../src/domain/csv-import.js';
import type { UnitRow } from '../../src/domain/import-tables.js';
import type { Kind } from '../../src/domain/unit-kinds.js';
import { type SavedTree, validateUnitTree } from '../../src/domain/unit-tree.js';

const unit = (
  line: number,
  code: string,
  parentCode: string | null,
  kind: Kind = 'xa',
  successorCode: string | null = null,
): Line<UnitRow> => ({
  line,
  row: { code, name: code, kind, parentCode, validFrom: '2020-01-01', validTo: null, successorCode },
});

/** Saved units: code → [parent, kind]. */
const saved = (entries: [string, string | null, Kind][]): SavedTree =>
  new Map(entries.map(([code, parent, kind]) => [code, { parent, kind }]));

describe('validateUnitTree', () => {
  it('accepts a parent later in the file, a saved parent and a saved successor', () => {
    const tree = saved([['TU_OLD', null, 'tinh']]);
    const rows = [unit(2, 'XA_A', 'HU_B', 'xa', 'TU_OLD'), unit(3, 'HU_B', 'TU_OLD', 'huyen')];
    expect(validateUnitTree(rows, tree)).toEqual([]);
  });

  it('names an unknown parent and successor', () => {
    const errors = validateUnitTree([unit(2, 'XA_A', 'HU_X', 'xa', 'XA_Y')], new Map()).map(describeError);
    expect(errors).toEqual([
      'Dòng 2, cột "ma_cap_tren": không tìm thấy đơn vị cấp trên HU_X (trong tệp và trong dữ liệu đã có).',
      'Dòng 2, cột "ma_sap_nhap_vao": không tìm thấy đơn vị XA_Y (trong tệp và trong dữ liệu đã có).',
    ]);
  });

  it('refuses a kind that cannot stand under its parent, in the file or already saved', () => {
    const tree = saved([
      ['TU_TN', null, 'tinh'],
      ['CB_1', 'XA_A', 'chi_bo'],
    ]);
    const rows = [
      unit(2, 'XA_A', 'TU_TN', 'xa'),
      unit(3, 'CB_2', 'TU_TN', 'chi_bo'),
      unit(4, 'XA_B', 'CB_1', 'xa'),
      unit(5, 'CB_3', 'XA_A', 'chi_bo'),
    ];
    expect(validateUnitTree(rows, tree).map(describeError)).toEqual([
      'Dòng 3, cột "loai": Chi bộ không thể trực thuộc TU_TN (Đảng bộ tỉnh): Đảng bộ tỉnh chỉ có Đảng bộ xã, phường, thị trấn, Tổ chức cơ sở đảng khác, Đảng bộ huyện trực thuộc.',
      'Dòng 4, cột "loai": Đảng bộ xã, phường, thị trấn không thể trực thuộc CB_1 (Chi bộ): Chi bộ không có đơn vị trực thuộc.',
    ]);
  });

  it('reports a cycle once, on its first line', () => {
    const errors = validateUnitTree(
      [unit(2, 'A', 'B', 'chi_bo'), unit(3, 'B', 'C', 'xa'), unit(4, 'C', 'A', 'huyen')],
      new Map(),
    );
    expect(errors.map(describeError)).toContain(
      'Dòng 2, cột "ma_cap_tren": vòng lặp cấp trên: A → B → C → A.',
    );
  });

  it('finds a cycle closed through a unit already saved', () => {
    // Saved: B under A. The file moves A under B.
    const tree = saved([
      ['A', null, 'huyen'],
      ['B', 'A', 'huyen'],
    ]);
    expect(validateUnitTree([unit(2, 'A', 'B', 'huyen')], tree).map(describeError)).toContain(
      'Dòng 2, cột "ma_cap_tren": vòng lặp cấp trên: A → B → A.',
    );
  });

  it('lets a file re-parent a saved unit without a false cycle', () => {
    const tree = saved([
      ['A', null, 'tinh'],
      ['B', 'A', 'huyen'],
    ]);
    expect(validateUnitTree([unit(2, 'B', null, 'tinh'), unit(3, 'A', 'B', 'huyen')], tree)).toEqual([]);
  });
});
