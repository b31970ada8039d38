import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { flushWhenFree, flushWrites } from '../../src/db/deferred.js';
import { dropForm, endForm, formKey, loadForm, saveForm } from '../../src/db/repositories/forms.js';
import { redeemInvite } from '../../src/db/repositories/invites.js';
import { membershipsOf, reportingUnits } from '../../src/db/repositories/members.js';
import { markProcessed, wasProcessed } from '../../src/db/repositories/processed-updates.js';
import { inTransaction } from '../../src/db/tx.js';
import type { FormState } from '../../src/forms/types.js';
import { tempDbPath } from '../helpers/bot-process.js';
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

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('form sessions', () => {
  it('keeps a form and ends it once', () => {
    const db = testDb();
    const key = formKey(42, 42);
    saveForm(db, key, state('t1'), NOW);
    expect(loadForm(db, key)).toEqual(state('t1'));
    expect(endForm(db, key, 'old-token')).toBe(false);
    expect(endForm(db, key, 't1')).toBe(true);
    expect(endForm(db, key, 't1')).toBe(false);
    expect(loadForm(db, key)).toBeNull();
  });

  it('writes a saved state when the turn ends, with the update marks, and reads it back before that', async () => {
    const path = tempDbPath();
    const db = openDatabase(path);
    const other = new Database(path, { readonly: true });
    const stored = () =>
      other
        .prepare('select state from form_sessions')
        .pluck()
        .all()
        .map((s) => JSON.parse(String(s)).token);
    const marks = () => other.prepare('select update_id from processed_updates').pluck().all();
    const key = formKey(42, 42);
    saveForm(db, key, state('t1'), NOW);
    saveForm(db, key, state('t2'), NOW);
    markProcessed(db, 7, NOW);
    expect(loadForm(db, key)).toEqual(state('t2'));
    expect([stored(), marks()]).toEqual([[], []]);
    await nextTurn();
    expect([stored(), marks()]).toEqual([['t2'], [7]]);
    expect(loadForm(db, key)).toEqual(state('t2'));
    other.close();
    db.$client.close();
  });

  it('ends a form saved in the same turn for good: the pending state is not written after the delete', async () => {
    const db = testDb();
    const key = formKey(42, 42);
    saveForm(db, key, state('t1'), NOW);
    await nextTurn();
    saveForm(db, key, { ...state('t1'), step: 'present' }, NOW);
    expect(inTransaction(db, () => endForm(db, key, 't1'))).toBe(true);
    saveForm(db, formKey(43, 43), state('t3'), NOW);
    expect(dropForm(db, formKey(43, 43))).toBe(true);
    await nextTurn();
    expect(loadForm(db, key)).toBeNull();
    expect(loadForm(db, formKey(43, 43))).toBeNull();
    expect(db.$client.prepare('select count(*) from form_sessions').pluck().get()).toBe(0);
  });

  it('keeps pending writes when their commit fails, says so to whoever flushes, and writes them later', async () => {
    const path = tempDbPath();
    const db = openDatabase(path);
    db.$client.pragma('busy_timeout = 0');
    const other = new Database(path);
    const key = formKey(42, 42);
    other.exec('BEGIN IMMEDIATE'); // the CLI writing, say
    markProcessed(db, 9, NOW);
    saveForm(db, key, state('t1'), NOW);
    expect(() => flushWrites(db)).toThrow(/locked/);
    await nextTurn(); // the end-of-turn flush fails too, quietly, and will try again
    expect(wasProcessed(db, 9)).toBe(true);
    expect(loadForm(db, key)).toEqual(state('t1'));
    other.exec('COMMIT');
    flushWrites(db);
    expect(other.prepare('select update_id from processed_updates').pluck().all()).toEqual([9]);
    expect(other.prepare('select count(*) from form_sessions').pluck().get()).toBe(1);
    other.close();
    db.$client.close();
  });

  it('before a poll, waits out a database another process holds, then writes', async () => {
    const path = tempDbPath();
    const db = openDatabase(path);
    db.$client.pragma('busy_timeout = 0');
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    markProcessed(db, 10, NOW);
    const waits: string[] = [];
    const flushed = flushWhenFree(db, { retryMs: 20, onWait: (e) => waits.push(e.message) });
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(waits.length).toBeGreaterThan(0);
    other.exec('COMMIT');
    await flushed;
    expect(other.prepare('select update_id from processed_updates').pluck().all()).toEqual([10]);
    // Stopping: a poll that was aborted does not wait.
    other.exec('BEGIN IMMEDIATE');
    markProcessed(db, 11, NOW);
    const stop = new AbortController();
    stop.abort();
    await expect(flushWhenFree(db, { signal: stop.signal })).rejects.toThrow(/locked/);
    other.exec('COMMIT');
    other.close();
    db.$client.close();
  });

  it('keeps pending writes when a transaction after them rolls back', async () => {
    const db = testDb();
    const key = formKey(42, 42);
    const rows = () => db.$client.prepare('select state from form_sessions').pluck().all().length;
    saveForm(db, key, state('t1'), NOW);
    expect(() =>
      inTransaction(db, () => {
        endForm(db, key, 't1');
        throw new Error('the report could not be saved');
      }),
    ).toThrow('the report could not be saved');
    expect(rows()).toBe(1);
    expect(loadForm(db, key)).toEqual(state('t1'));
    // Flushed inside someone else's transaction, the writes wait for the next turn instead of joining it.
    markProcessed(db, 8, NOW);
    expect(() =>
      db.$client.transaction(() => {
        flushWrites(db);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    await nextTurn();
    expect(wasProcessed(db, 8)).toBe(true);
    expect(db.$client.prepare('select update_id from processed_updates').pluck().all()).toEqual([8]);
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
    await nextTurn();
    expect(rows()).toEqual([11, 12]);
    markProcessed(db, 13, NOW);
    flushWrites(db);
    expect(rows()).toEqual([11, 12, 13]);
    // A database closed before the turn ends: nothing to write to, and no error.
    markProcessed(db, 14, NOW);
    db.$client.close();
    await new Promise((resolve) => setImmediate(resolve));
  });
});
