import { describe, expect, it } from 'vitest';
import { auditTrail, CLI_ACTOR } from '../../src/db/repositories/audit.js';
import {
  getUnit,
  getUnitByCode,
  savedUnitTree,
  type UnitInput,
  upsertUnits,
} from '../../src/db/repositories/units.js';
import { testDb } from '../helpers/test-db.js';

const NOW = new Date('2026-01-05T02:00:00Z');
const unit = (code: string, parentCode: string | null, extra: Partial<UnitInput> = {}): UnitInput => ({
  code,
  name: `Đơn vị ${code}`,
  kind: 'xa',
  parentCode,
  validFrom: '2020-01-01',
  validTo: null,
  successorCode: null,
  ...extra,
});

describe('units repository', () => {
  it('saves a child before its parent and links them by code', () => {
    const db = testDb();
    const counts = upsertUnits(
      db,
      [unit('XA_A', 'HU_B'), unit('HU_B', null, { kind: 'huyen' })],
      CLI_ACTOR,
      NOW,
    );
    expect(counts).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const child = getUnitByCode(db, 'XA_A');
    const parent = getUnitByCode(db, 'HU_B');
    expect(child?.parentId).toBe(parent?.id);
    expect(savedUnitTree(db)).toEqual(
      new Map([
        ['XA_A', { parent: 'HU_B', kind: 'xa' }],
        ['HU_B', { parent: null, kind: 'huyen' }],
      ]),
    );
  });

  it('finds a unit by code without regard to case, and returns null when there is none', () => {
    const db = testDb();
    upsertUnits(db, [unit('XA_TANKY_2025', null)], CLI_ACTOR, NOW);
    expect(getUnitByCode(db, ' xa_tanky_2025 ')?.name).toBe('Đơn vị XA_TANKY_2025');
    expect(getUnitByCode(db, 'XA_NONE')).toBeNull();
    expect(getUnit(db, 999)).toBeNull();
  });

  it('updates in place, counts unchanged rows and audits before → after', () => {
    const db = testDb();
    upsertUnits(db, [unit('XA_OLD', null), unit('XA_NEW', null)], CLI_ACTOR, NOW);
    const again = upsertUnits(
      db,
      [unit('XA_OLD', null, { validTo: '2025-06-30', successorCode: 'XA_NEW' }), unit('XA_NEW', null)],
      CLI_ACTOR,
      NOW,
    );
    expect(again).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const old = getUnitByCode(db, 'XA_OLD');
    expect(old?.successorId).toBe(getUnitByCode(db, 'XA_NEW')?.id);
    const trail = auditTrail(db, 'unit', old?.id ?? 0);
    expect(trail.map((a) => a.action)).toEqual(['update', 'create']);
    expect(JSON.parse(trail[0]?.before ?? '{}').validTo).toBeNull();
    expect(JSON.parse(trail[0]?.after ?? '{}').validTo).toBe('2025-06-30');
    expect(trail[0]?.actorLabel).toBe('cli');
  });
});
