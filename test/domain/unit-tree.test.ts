import { describe, expect, it } from 'vitest';
import { describeError, type Line } from '../../src/domain/csv-import.js';
import type { UnitRow } from '../../src/domain/import-tables.js';
import { validateUnitTree } from '../../src/domain/unit-tree.js';

const unit = (
  line: number,
  code: string,
  parentCode: string | null,
  successorCode: string | null = null,
): Line<UnitRow> => ({
  line,
  row: { code, name: code, kind: 'xa', parentCode, validFrom: '2020-01-01', validTo: null, successorCode },
});

describe('validateUnitTree', () => {
  it('accepts a parent later in the file, a saved parent and a saved successor', () => {
    const saved = new Map([['TU_OLD', null]]);
    expect(validateUnitTree([unit(2, 'XA_A', 'HU_B', 'TU_OLD'), unit(3, 'HU_B', 'TU_OLD')], saved)).toEqual(
      [],
    );
  });

  it('names an unknown parent and successor', () => {
    const errors = validateUnitTree([unit(2, 'XA_A', 'HU_X', 'XA_Y')], new Map()).map(describeError);
    expect(errors).toEqual([
      'Dòng 2, cột "ma_cap_tren": không tìm thấy đơn vị cấp trên HU_X (trong tệp và trong dữ liệu đã có).',
      'Dòng 2, cột "ma_sap_nhap_vao": không tìm thấy đơn vị XA_Y (trong tệp và trong dữ liệu đã có).',
    ]);
  });

  it('reports a cycle once, on its first line', () => {
    const errors = validateUnitTree([unit(2, 'A', 'B'), unit(3, 'B', 'C'), unit(4, 'C', 'A')], new Map());
    expect(errors.map(describeError)).toEqual([
      'Dòng 2, cột "ma_cap_tren": vòng lặp cấp trên: A → B → C → A.',
    ]);
  });

  it('finds a cycle closed through a unit already saved', () => {
    // Saved: B under A. The file moves A under B.
    const saved = new Map<string, string | null>([
      ['A', null],
      ['B', 'A'],
    ]);
    expect(validateUnitTree([unit(2, 'A', 'B')], saved).map(describeError)).toEqual([
      'Dòng 2, cột "ma_cap_tren": vòng lặp cấp trên: A → B → A.',
    ]);
  });

  it('lets a file re-parent a saved unit without a false cycle', () => {
    const saved = new Map<string, string | null>([
      ['A', null],
      ['B', 'A'],
    ]);
    expect(validateUnitTree([unit(2, 'B', null), unit(3, 'A', 'B')], saved)).toEqual([]);
  });
});
