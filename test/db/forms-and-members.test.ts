import { describe, expect, it } from 'vitest';
import { endForm, formKey, loadForm, saveForm } from '../../src/db/repositories/forms.js';
import { redeemInvite } from '../../src/db/repositories/invites.js';
import { membershipsOf, reportingUnits } from '../../src/db/repositories/members.js';
import { flushProcessed, markProcessed, wasProcessed } from '../../src/db/repositories/processed-updates.js';
import type { FormState } from '../../src/forms/types.js';
import { testDb } from '../helpers/test-db.js';
import { seed } from '../helpers/world.js';

const NOW = new Date('2026-11-28T03:00:00Z');
const state = (token: string): FormState => ({
  formId: 'hoi_nghi',
  token,
  step: 'heldOn',
  values: { unit: '2' },
  history: [],
  draft: [],
  meta: {},
});

describe('form sessions', () => {
  it('keeps a form across connections and ends it once', () => {
    const db = testDb();
    const key = formKey(42, 42);
    saveForm(db, key, state('t1'), NOW);
    expect(loadForm(db, key)).toEqual(state('t1'));
    expect(endForm(db, key, 'old-token')).toBe(false);
    expect(endForm(db, key, 't1')).toBe(true);
    expect(endForm(db, key, 't1')).toBe(false);
    expect(loadForm(db, key)).toBeNull();
  });
});

describe('memberships', () => {
  it('lists roles in units valid today; leaders and secretaries report, administrators do not', () => {
    const w = seed(testDb(), NOW);
    const lan = { id: 7, firstName: 'Lan' };
    for (const [unit, role] of [
      ['XA_THANHMAI', 'bi_thu'],
      ['XA_THANHMAI', 'lanh_dao'],
      ['TU_TN', 'quan_tri'],
    ] as const) {
      expect(redeemInvite(w.db, w.invite(unit, role), lan, NOW).ok).toBe(true);
    }
    expect(membershipsOf(w.db, 7, '2026-11-28').map((m) => `${m.unitName}:${m.role}`)).toEqual([
      'Tỉnh ủy Thái Nguyên:quan_tri',
      'Đảng ủy xã Thanh Mai:bi_thu',
      'Đảng ủy xã Thanh Mai:lanh_dao',
    ]);
    expect(reportingUnits(w.db, 7, '2026-11-28').map((m) => m.unitName)).toEqual(['Đảng ủy xã Thanh Mai']);
  });
});

describe('processed updates', () => {
  it('remembers an update once handled', () => {
    const db = testDb();
    expect(wasProcessed(db, 10)).toBe(false);
    markProcessed(db, 10, NOW);
    markProcessed(db, 10, NOW);
    expect(wasProcessed(db, 10)).toBe(true);
  });

  it('writes the marks of one turn of the event loop together, at its end, or when flushed', async () => {
    const db = testDb();
    const rows = () => db.$client.prepare('select update_id from processed_updates order by 1').pluck().all();
    markProcessed(db, 11, NOW);
    markProcessed(db, 12, NOW);
    expect(rows()).toEqual([]);
    expect([wasProcessed(db, 11), wasProcessed(db, 12), wasProcessed(db, 13)]).toEqual([true, true, false]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(rows()).toEqual([11, 12]);
    markProcessed(db, 13, NOW);
    flushProcessed(db);
    expect(rows()).toEqual([11, 12, 13]);
    // A database closed before the turn ends: nothing to write to, and no error.
    markProcessed(db, 14, NOW);
    db.$client.close();
    await new Promise((resolve) => setImmediate(resolve));
  });
});
