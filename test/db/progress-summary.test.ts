import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import {
  createConferenceReport,
  deleteConferenceReport,
  updateConferenceReport,
} from '../../src/db/repositories/conference-reports.js';
import { upsertUser } from '../../src/db/repositories/members.js';
import { progress } from '../../src/db/repositories/progress.js';
import {
  ORG_FIRSTS_STALE_KEY,
  rebuildProgressSummaries,
} from '../../src/db/repositories/progress-summary.js';
import type { ConferenceReportInput } from '../../src/forms/conference-report.js';
import { comparable, World } from '../helpers/progress-fixture.js';

/*
 * The summaries /tiendo reads (study_pairs, conference_years, org_study_firsts) after creating, editing
 * and deleting reports through the repository, compared with a rebuild from scratch, and the indicators
 * from them compared with the indicators from the reports themselves.
 */

const NOW = new Date('2026-11-28T03:00:00Z');
const actor = { id: 42, label: 'lan' };
const TABLES = {
  study_pairs: 'unit_id, document_id, year',
  conference_years: 'unit_id, year',
  org_study_firsts: 'org_id, document_id',
};

function snapshot(db: Db) {
  return Object.fromEntries(
    Object.entries(TABLES).map(([t, key]) => [
      t,
      db.$client.prepare(`SELECT * FROM ${t} ORDER BY ${key}`).all(),
    ]),
  );
}

/** The summaries as kept on write, and as rebuilt from scratch (rolled back: the kept ones go on). */
function keptAndRebuilt(db: Db) {
  const kept = snapshot(db);
  db.$client.exec('SAVEPOINT rebuild');
  rebuildProgressSummaries(db);
  const rebuilt = snapshot(db);
  db.$client.exec('ROLLBACK TO rebuild; RELEASE rebuild');
  return { kept, rebuilt };
}

function expectExact(db: Db) {
  const { kept, rebuilt } = keptAndRebuilt(db);
  expect(kept).toEqual(rebuilt);
}

/**
 * P (tỉnh) ─ A (xã) ─ A1, A2 (chi bộ), C (cơ sở under the xã: its own organisation) ─ C1
 *          └ B (xã) ─ B1
 */
function world() {
  const w = new World()
    .unit('P', 'tinh', null)
    .unit('A', 'xa', 'P')
    .unit('A1', 'chi_bo', 'A')
    .unit('A2', 'chi_bo', 'A')
    .unit('C', 'co_so', 'A')
    .unit('C1', 'chi_bo', 'C')
    .unit('B', 'xa', 'P')
    .unit('B1', 'chi_bo', 'B')
    .doc('1-NQ/TW', '2020-02-01')
    .doc('2-NQ/TW', '2020-11-20')
    .doc('3-NQ/TW', '2021-06-01');
  upsertUser(w.db, { id: 42, firstName: 'Lan' });
  const input = (
    unit: string,
    heldOn: string,
    docs: string[],
    over: Partial<ConferenceReportInput> = {},
  ): ConferenceReportInput => ({
    unitId: w.id(unit),
    heldOn,
    documentIds: docs.map((d) => w.id(d)),
    form: 'truc_tiep',
    bridgePoints: 0,
    eligible: 20,
    present: 18,
    nonMemberAttendances: 3,
    makeUp: false,
    reporterPresent: true,
    note: null,
    ...over,
  });
  const create = (...a: Parameters<typeof input>) => createConferenceReport(w.db, input(...a), actor, NOW);
  return { w, input, create };
}

const PERIODS: [string, string][] = [
  ['2020-01-01', '2020-12-31'],
  ['2021-01-01', '2021-12-31'],
  ['2022-01-01', '2022-12-31'],
  ['2020-01-01', '2021-12-31'],
  ['2019-01-01', '2023-12-31'],
  // Not whole years: "party members study" and the counters come from the reports then.
  ['2020-12-01', '2021-01-31'],
  ['2021-03-15', '2022-06-30'],
];

function expectSameIndicators(w: World, roots: string[][] = [['P'], ['A'], ['A', 'B'], ['C'], ['A1']]) {
  for (const r of roots)
    for (const [from, to] of PERIODS)
      for (const actionPlanDays of [30, 10]) {
        const q = { rootIds: r.map((c) => w.id(c)), from, to, actionPlanDays };
        const summarised = comparable(progress(w.db, q));
        expect(summarised, `${r.join('+')} ${from}..${to} ${actionPlanDays}d`).toEqual(
          comparable(progress(w.db, { ...q, source: 'base' })),
        );
      }
}

describe('progress summaries kept on write', () => {
  it('create: a pair across two years, make-up sessions, several documents', () => {
    const { w, create } = world();
    create('A1', '2020-12-20', ['2-NQ/TW'], { eligible: 20, present: 12 });
    create('A1', '2021-01-10', ['2-NQ/TW'], { eligible: 21, present: 7, makeUp: true });
    create('A1', '2020-03-01', ['1-NQ/TW', '2-NQ/TW'], { eligible: 20, present: 20 });
    create('A', '2020-02-15', ['1-NQ/TW'], { eligible: 30, present: 29, form: 'truc_tuyen' });
    create('C1', '2021-06-20', ['3-NQ/TW']);
    expectExact(w.db);
    const pairs = w.db.$client
      .prepare(
        'SELECT year, present, eligible, sessions, pair_years FROM study_pairs WHERE unit_id = ? AND document_id = ? ORDER BY year',
      )
      .all(w.id('A1'), w.id('2-NQ/TW'));
    expect(pairs).toEqual([
      { year: 2020, present: 32, eligible: 20, sessions: 2, pair_years: 2 },
      { year: 2021, present: 7, eligible: 21, sessions: 1, pair_years: 2 },
    ]);
    // A's organisation studied 1-NQ/TW first on 15/2 (A itself), C's is its own.
    const firsts = w.db.$client
      .prepare(
        'SELECT org_id AS org, document_id AS doc, first_held_on AS first FROM org_study_firsts ORDER BY 1, 2',
      )
      .all();
    expect(firsts).toEqual([
      { org: w.id('A'), doc: w.id('1-NQ/TW'), first: '2020-02-15' },
      { org: w.id('A'), doc: w.id('2-NQ/TW'), first: '2020-03-01' },
      { org: w.id('C'), doc: w.id('3-NQ/TW'), first: '2021-06-20' },
    ]);
    expectSameIndicators(w);
  });

  it('update: another unit, another year, other documents; delete', () => {
    const { w, input, create } = world();
    const id = create('A1', '2020-12-20', ['2-NQ/TW'], { present: 12 });
    create('A1', '2021-01-10', ['2-NQ/TW'], { present: 7, makeUp: true });
    create('B1', '2020-12-01', ['2-NQ/TW']);
    expectExact(w.db);

    // To B1 in 2021 with other documents: A1's pair is one year again, B's first moves.
    updateConferenceReport(w.db, id, input('B1', '2020-11-25', ['2-NQ/TW', '1-NQ/TW']), actor, NOW);
    expectExact(w.db);
    expectSameIndicators(w);
    updateConferenceReport(w.db, id, input('A2', '2022-01-05', ['3-NQ/TW'], { present: 3 }), actor, NOW);
    expectExact(w.db);
    expectSameIndicators(w);

    expect(deleteConferenceReport(w.db, id, actor, NOW)).toBe(true);
    expectExact(w.db);
    expectSameIndicators(w);
    expect(
      w.db.$client.prepare('SELECT count(*) FROM study_pairs WHERE unit_id = ?').pluck().get(w.id('A2')),
    ).toBe(0);
  });

  it('a change to the tree marks the organisations stale; the next /tiendo rebuilds them', () => {
    const { w, create } = world();
    create('A1', '2020-03-01', ['1-NQ/TW']);
    create('B1', '2020-05-01', ['1-NQ/TW']);
    w.actionPlan('B', '1-NQ/TW', '2020-05-20');
    const stale = () =>
      w.db.$client.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(ORG_FIRSTS_STALE_KEY);

    w.db.$client.prepare('UPDATE units SET name = ? WHERE id = ?').run('renamed', w.id('A1'));
    expect(stale()).toBeUndefined();
    // A1 moves to B: B's organisation studied 1-NQ/TW first on 1/3, and its plan is late.
    w.db.$client.prepare('UPDATE units SET parent_id = ? WHERE id = ?').run(w.id('B'), w.id('A1'));
    expect(stale()).toBe('stale');
    create('A2', '2020-04-01', ['1-NQ/TW']); // written while stale: org_study_firsts left for the rebuild
    expectSameIndicators(w);
    expect(stale()).toBeUndefined();
    expect(w.progress(['B'], '2020-01-01', '2020-12-31').total.action_plans).toEqual({ num: 0, den: 1 });
    expectExact(w.db);

    w.db.$client.prepare('UPDATE units SET kind = ? WHERE id = ?').run('co_so', w.id('A2'));
    expect(stale()).toBe('stale');
    expectSameIndicators(w);
    expectExact(w.db);
  });

  it('random creates, edits and deletes keep every summary exact', () => {
    const { w, input, create } = world();
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const units = ['A', 'A1', 'A2', 'C', 'C1', 'B', 'B1'] as const;
    const docs = ['1-NQ/TW', '2-NQ/TW', '3-NQ/TW'] as const;
    // Days that cross the year ends, so pairs span years and stop spanning them.
    const days = [
      '2019-12-30',
      '2020-01-02',
      '2020-06-15',
      '2020-12-31',
      '2021-01-01',
      '2021-07-07',
      '2021-12-28',
      '2022-01-03',
    ];
    const random = () => {
      const eligible = 5 + Math.floor(rnd() * 30);
      const chosen = docs.filter(() => rnd() < 0.5);
      return input(pick(units), pick(days), chosen.length ? chosen : [pick(docs)], {
        eligible,
        present: Math.floor(rnd() * (eligible + 1)),
        nonMemberAttendances: Math.floor(rnd() * 10),
        makeUp: rnd() < 0.3,
        form: rnd() < 0.3 ? 'ket_hop' : 'truc_tiep',
      });
    };
    for (const d of docs) if (rnd() < 0.7) w.actionPlan(pick(['A', 'B', 'C']), d, pick(days));
    const ids: number[] = [];
    for (let step = 0; step < 150; step++) {
      const op = rnd();
      if (op < 0.5 || ids.length === 0) ids.push(createConferenceReport(w.db, random(), actor, NOW));
      else if (op < 0.8) updateConferenceReport(w.db, pick(ids), random(), actor, NOW);
      else {
        const i = Math.floor(rnd() * ids.length);
        deleteConferenceReport(w.db, ids[i] as number, actor, NOW);
        ids.splice(i, 1);
      }
      if (step % 10 === 9) expectExact(w.db);
    }
    expect(
      w.db.$client.prepare('SELECT count(*) FROM study_pairs WHERE pair_years > 1').pluck().get(),
    ).toBeGreaterThan(0);
    expectSameIndicators(w);
    create('A1', '2021-02-02', ['1-NQ/TW']);
  });
});
