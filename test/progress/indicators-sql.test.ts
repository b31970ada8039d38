import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/domain/indicators.js';
import { World } from '../helpers/progress-fixture.js';

/** A district (H) with two communes (A, B), each with a chi bộ; two documents. */
function district() {
  return new World()
    .unit('T', 'tinh', null)
    .unit('H', 'huyen', 'T')
    .unit('A', 'xa', 'H')
    .unit('A1', 'chi_bo', 'A')
    .unit('B', 'xa', 'H')
    .unit('B1', 'chi_bo', 'B')
    .doc('35-NQ/TW')
    .doc('57-NQ/TW', '2024-12-22');
}

const Y2022 = ['2022-01-01', '2022-12-31'] as const;

describe('1. online study reaches communes', () => {
  it.each([
    ['no conference', [], { num: 0, den: 2 }],
    ['a face-to-face one does not count', [['A', 'truc_tiep']], { num: 0, den: 2 }],
    ['an online one by a chi bộ counts for its commune', [['A1', 'truc_tuyen']], { num: 1, den: 2 }],
    [
      'mixed counts; two in one commune count once',
      [
        ['A', 'ket_hop'],
        ['A1', 'truc_tuyen'],
        ['B', 'ket_hop'],
      ],
      { num: 2, den: 2 },
    ],
  ] as const)('%s', (_name, confs, expected) => {
    const w = district();
    for (const [unit, form] of confs) w.conference(unit, '2022-03-01', ['35-NQ/TW'], { form });
    expect(w.progress(['H'], ...Y2022).total.online_reach).toEqual(expected);
  });

  it('counts only communes valid in the period, and conferences held in it', () => {
    const w = district()
      .unit('C', 'xa', 'H', '2023-01-01')
      .conference('A', '2021-12-31', ['35-NQ/TW'], { form: 'truc_tuyen' });
    expect(w.progress(['H'], ...Y2022).total.online_reach).toEqual({ num: 0, den: 2 });
  });
});

describe('2. party members study', () => {
  it('sums make-up sessions and caps at the eligible number, per (unit, document)', () => {
    const w = district()
      .conference('A', '2022-03-01', ['35-NQ/TW', '57-NQ/TW'], { eligible: 126, present: 120 })
      .conference('A', '2022-03-15', ['35-NQ/TW'], { eligible: 126, present: 6, makeUp: true })
      .conference('A', '2022-03-20', ['35-NQ/TW'], { eligible: 126, present: 5, makeUp: true })
      .conference('B', '2022-04-01', ['35-NQ/TW'], { eligible: 80, present: 60 });
    // A/35: min(131, 126) = 126; A/57: 120 of 126; B/35: 60 of 80.
    expect(w.progress(['H'], ...Y2022).total.members_study).toEqual({
      num: 126 + 120 + 60,
      den: 126 + 126 + 80,
    });
  });

  it('ignores conferences outside the period', () => {
    const w = district().conference('A', '2023-01-02', ['35-NQ/TW'], { eligible: 10, present: 5 });
    expect(w.progress(['H'], ...Y2022).total.members_study).toEqual({ num: 0, den: 0 });
  });
});

describe('3. people know the resolutions', () => {
  it('is Σ aware ÷ Σ surveyed in the period', () => {
    const w = district()
      .survey('A', '2022-05-01', 500, 410)
      .survey('B1', '2022-06-01', 100, 90)
      .survey('B', '2021-06-01', 100, 0);
    expect(w.progress(['H'], ...Y2022).total.people_aware).toEqual({ num: 500, den: 600 });
  });
});

describe('4. reporters trained each year', () => {
  it('uses the latest figures on or before the year end, ignoring figures dated after the period', () => {
    const w = district()
      .figures('A', '2020-01-01', { reporters: 5 })
      .figures('A', '2023-01-01', { reporters: 50 })
      .figures('B', '2022-06-30', { reporters: 3 })
      .training('A', 2022, 5)
      .training('B', 2022, 7);
    // B trained 7 of 3: capped at 3.
    expect(w.progress(['H'], ...Y2022).total.reporters_trained).toEqual({ num: 8, den: 8 });
  });

  it('sums each year of a five-year programme', () => {
    const w = district().figures('A', '2017-01-01', { reporters: 4 });
    for (const y of [2017, 2018, 2019, 2020]) w.training('A', y, 4);
    w.training('A', 2021, 2);
    expect(w.progress(['H'], '2017-01-01', '2022-12-31').total.reporters_trained).toEqual({
      num: 18,
      den: 24,
    });
  });
});

describe('5. grassroots organisations have timely action plans', () => {
  it.each([
    ['plan on the deadline', '2022-03-31', { num: 1, den: 1 }],
    ['plan a day late', '2022-04-01', { num: 0, den: 1 }],
    ['no plan', null, { num: 0, den: 1 }],
  ] as const)('%s', (_n, issuedOn, expected) => {
    const w = district().conference('A1', '2022-03-01', ['35-NQ/TW']);
    if (issuedOn) w.actionPlan('A', '35-NQ/TW', issuedOn);
    expect(w.progress(['H'], ...Y2022).total.action_plans).toEqual(expected);
  });

  it('is due once, 30 days after the first conference, which may be in the year before', () => {
    const w = district()
      .conference('A', '2021-12-20', ['35-NQ/TW'])
      .conference('A', '2022-02-01', ['35-NQ/TW'])
      .conference('B', '2021-10-01', ['35-NQ/TW'])
      .actionPlan('A', '35-NQ/TW', '2022-01-10');
    // A/35 due 19/01/2022 (first conference 20/12/2021), plan on 10/01: timely. B/35 was due 31/10/2021.
    expect(w.progress(['H'], ...Y2022).total.action_plans).toEqual({ num: 1, den: 1 });
    expect(w.progress(['H'], '2021-01-01', '2021-12-31').total.action_plans).toEqual({ num: 0, den: 1 });
  });

  it('binds every organisation to a document’s own deadline, studied or not', () => {
    const w = district()
      .documentDeadline('57-NQ/TW', '2022-03-31')
      .conference('A', '2022-01-10', ['57-NQ/TW'])
      .actionPlan('A', '57-NQ/TW', '2022-03-30')
      .actionPlan('B', '57-NQ/TW', '2022-04-15');
    // Both communes owe a plan by 31/03/2022 (not 30 days after A's conference); B's came late.
    expect(w.progress(['H'], ...Y2022).total.action_plans).toEqual({ num: 1, den: 2 });
    expect(w.progress(['H'], '2023-01-01', '2023-12-31').total.action_plans).toEqual({ num: 0, den: 0 });
  });

  it('takes the deadline in days as a parameter', () => {
    const w = district()
      .conference('A', '2022-03-01', ['35-NQ/TW'])
      .actionPlan('A', '35-NQ/TW', '2022-03-20');
    expect(w.progress(['H'], ...Y2022, 10).total.action_plans).toEqual({ num: 0, den: 1 });
  });
});

describe('6. personal plans and 7. inspection programmes', () => {
  it('caps plans at the number required, per year', () => {
    const w = district()
      .figures('A', '2022-01-01', { personalPlanRequired: 10 })
      .figures('B', '2022-01-01', { personalPlanRequired: 10 })
      .personalPlans('A', 2022, 12)
      .personalPlans('B', 2022, 7)
      .personalPlans('B', 2021, 10);
    expect(w.progress(['H'], ...Y2022).total.personal_plans).toEqual({ num: 17, den: 20 });
  });

  it('counts cấp ủy and UBKT separately for every committee, not chi bộ', () => {
    const w = district()
      .inspection('H', 2022, 'cap_uy')
      .inspection('H', 2022, 'ubkt')
      .inspection('A', 2022, 'cap_uy')
      .inspection('B', 2021, 'ubkt');
    expect(w.progress(['H'], ...Y2022).total.inspection).toEqual({ num: 3, den: 6 });
  });
});

describe('scope, validity and merges', () => {
  it('gives each child of the root its own bucket; the root keeps what is its own', () => {
    const w = district().inspection('H', 2022, 'cap_uy').inspection('A', 2022, 'cap_uy');
    const p = w.progress(['H'], ...Y2022);
    expect(p.buckets.get(w.id('A'))?.inspection).toEqual({ num: 1, den: 2 });
    expect(p.buckets.get(w.id('B'))?.inspection).toEqual({ num: 0, den: 2 });
    expect(p.buckets.get(w.id('H'))?.inspection).toEqual({ num: 1, den: 2 });
  });

  it('keeps a merged unit’s history in its own tree, and counts a unit only while valid', () => {
    const w = new World()
      .unit('OLD_T', 'tinh', null, '2010-01-01', '2025-06-30')
      .unit('OLD_A', 'xa', 'OLD_T', '2010-01-01', '2025-06-30')
      .unit('NEW_T', 'tinh', null, '2025-07-01')
      .unit('NEW_A', 'xa', 'NEW_T', '2025-07-01')
      .mergeInto('OLD_A', 'NEW_A')
      .doc('35-NQ/TW')
      .conference('OLD_A', '2025-03-01', ['35-NQ/TW'], { form: 'truc_tuyen' })
      .conference('NEW_A', '2025-09-01', ['35-NQ/TW'], { form: 'truc_tiep' });
    expect(w.progress(['NEW_T'], '2025-01-01', '2025-12-31').total.online_reach).toEqual({ num: 0, den: 1 });
    expect(w.progress(['OLD_T'], '2025-01-01', '2025-12-31').total.online_reach).toEqual({ num: 1, den: 1 });
    // In 2026 the old commune no longer exists: nothing of it is counted, not even as a zero.
    expect(w.progress(['OLD_T'], '2026-01-01', '2026-12-31').total.online_reach).toEqual({ num: 0, den: 0 });
    // Both trees at once (a national view) add up.
    expect(w.progress(['OLD_T', 'NEW_T'], '2025-01-01', '2025-12-31').total.online_reach).toEqual({
      num: 1,
      den: 2,
    });
  });

  it('an empty denominator reads as no data, never 0% or NaN', () => {
    const results = evaluate(district().progress(['H'], ...Y2022).total, { people_aware: 0.8 });
    const aware = results.find((r) => r.key === 'people_aware');
    expect(aware).toMatchObject({ num: 0, den: 0, ratio: null, met: null, target: 0.8 });
  });
});

describe('counters', () => {
  it('counts conferences, attendances, loudspeakers, bridge points by level and commendations', () => {
    const w = district()
      .figures('H', '2020-01-01', { bridgePoints: 2 })
      .figures('A', '2020-01-01', { hasLoudspeaker: true, bridgePoints: 1 })
      .figures('B', '2020-01-01', { hasLoudspeaker: false, bridgePoints: 1 })
      .figures('B', '2023-01-01', { hasLoudspeaker: true, bridgePoints: 1 })
      .conference('A', '2022-03-01', ['35-NQ/TW'], { present: 90, others: 200 })
      .conference('B1', '2022-03-02', ['35-NQ/TW'], { present: 20, others: 15 })
      .commendation('H', '2022-09-22', 4, 7);
    expect(w.progress(['H'], ...Y2022).counters).toEqual({
      conferences: 2,
      membersPresent: 110,
      nonMemberAttendances: 215,
      communes: 2,
      communesWithLoudspeaker: 1,
      bridgePoints: { huyen: 2, xa: 2 },
      collectives: 4,
      individuals: 7,
    });
  });
});
