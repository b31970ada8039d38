import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, fraction } from '../../src/domain/indicators.js';
import { World } from '../helpers/progress-fixture.js';

/*
 * The rules that keep the figures fair (docs/domain.md, "Rules that keep the figures fair"), each with the case
 * that was found wrong: a chi bộ's figures in its commune's denominator, an item not yet due counted as failed,
 * a unit merged before a document's own deadline still counted.
 */

const Y2026 = ['2026-01-01', '2026-12-31'] as const;

/** A commune (X) under a district (H), with a chi bộ (C); and the commune's figures. */
function commune() {
  return new World()
    .unit('H', 'huyen', null)
    .unit('X', 'xa', 'H')
    .unit('C', 'chi_bo', 'X')
    .doc('35-NQ/TW')
    .figures('X', '2025-07-01', { reporters: 5, personalPlanRequired: 15 })
    .training('X', 2026, 5)
    .personalPlans('X', 2026, 14);
}

describe('no denominator a unit cannot fill', () => {
  it('a chi bộ’s figures leave its commune’s training and personal-plan rates as they were', () => {
    const before = commune().progress(['X'], ...Y2026);
    expect(fraction(before.total.personal_plans)).toBe('14/15');
    const w = commune().figures('C', '2026-03-01', { reporters: 1, personalPlanRequired: 2 });
    const after = w.progress(['X'], ...Y2026);
    expect(after.total.reporters_trained).toEqual({ num: 5, den: 5 });
    expect(after.total.personal_plans).toEqual({ num: 14, den: 15 });
    expect(evaluate(after.total, { personal_plans: 0.9 }).find((r) => r.key === 'personal_plans')?.met).toBe(
      true,
    );
  });

  it('a grassroots organisation outside a commune (a hospital’s) is not asked for reporter training', () => {
    const w = new World()
      .unit('T', 'tinh', null)
      .unit('BV', 'co_so', 'T')
      .figures('BV', '2025-07-01', { reporters: 2, personalPlanRequired: 3 })
      .personalPlans('BV', 2026, 3);
    const p = w.progress(['T'], ...Y2026);
    expect(p.total.reporters_trained).toEqual({ num: 0, den: 0 });
    expect(p.total.personal_plans).toEqual({ num: 3, den: 3 });
  });

  it('property: a tree whose every unit files all it can is at 100% on trainings, plans and programmes', () => {
    const kinds = fc.constantFrom('xa', 'co_so', 'chi_bo');
    const tree = fc.array(
      fc.record({ kind: kinds, parent: fc.nat(), reporters: fc.nat(9), required: fc.nat(9) }),
      {
        minLength: 1,
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(tree, (units) => {
        const w = new World().unit('T', 'tinh', null);
        const codes = ['T'];
        for (const [i, u] of units.entries()) {
          // A chi bộ stands under a commune or an organisation; those stand under the province.
          const parents = codes.filter((c) =>
            u.kind === 'chi_bo' ? c !== 'T' && !c.startsWith('C') : c === 'T',
          );
          if (parents.length === 0) continue;
          const code = `${u.kind === 'chi_bo' ? 'C' : 'U'}${i}`;
          w.unit(code, u.kind, parents[u.parent % parents.length] as string);
          w.figures(code, '2025-07-01', { reporters: u.reporters, personalPlanRequired: u.required });
          if (u.kind === 'xa') w.training(code, 2026, u.reporters);
          if (u.kind !== 'chi_bo') {
            w.personalPlans(code, 2026, u.required)
              .inspection(code, 2026, 'cap_uy')
              .inspection(code, 2026, 'ubkt');
          }
          codes.push(code);
        }
        w.inspection('T', 2026, 'cap_uy').inspection('T', 2026, 'ubkt');
        const p = w.progress(['T'], ...Y2026, 30, '2026-12-31');
        for (const raw of [p.total, ...p.buckets.values()])
          for (const key of ['reporters_trained', 'personal_plans', 'inspection'] as const)
            expect(raw[key].num, key).toBe(raw[key].den);
      }),
      { numRuns: 60 },
    );
  });
});

describe('only what has fallen due counts', () => {
  const studied = () => new World().unit('H', 'huyen', null).unit('X', 'xa', 'H').doc('35-NQ/TW');

  it('an action plan due on 29/12 is "chưa đến hạn" on 02/12, not failed; failed once the day has passed', () => {
    const w = studied().conference('X', '2026-11-29', ['35-NQ/TW']);
    const on = (today: string) => w.progress(['H'], ...Y2026, 30, today).total.action_plans;
    expect(on('2026-12-02')).toEqual({ num: 0, den: 0, pending: 1 });
    expect(fraction(on('2026-12-02'))).toBe('0/0 · 1 chưa đến hạn');
    expect(on('2026-12-30')).toEqual({ num: 0, den: 1 });
    // A year asked about afterwards: everything in it has fallen due.
    expect(w.progress(['H'], ...Y2026).total.action_plans).toEqual({ num: 0, den: 1 });
  });

  it('a plan filed early counts as soon as it is filed', () => {
    const w = studied().conference('X', '2026-11-29', ['35-NQ/TW']).actionPlan('X', '35-NQ/TW', '2026-12-01');
    expect(w.progress(['H'], ...Y2026, 30, '2026-12-02').total.action_plans).toEqual({ num: 1, den: 1 });
  });

  it('annual items wait for their deadline: training (30/09) in March is not yet due', () => {
    const w = commune();
    const march = w.progress(['H'], ...Y2026, 30, '2026-03-10').total;
    expect(march.reporters_trained).toEqual({ num: 5, den: 5 });
    const w2 = new World()
      .unit('H', 'huyen', null)
      .unit('X', 'xa', 'H')
      .figures('X', '2025-07-01', { reporters: 4, personalPlanRequired: 6 });
    const t = w2.progress(['H'], ...Y2026, 30, '2026-03-10').total;
    expect(t.reporters_trained).toEqual({ num: 0, den: 0, pending: 4 });
    expect(t.personal_plans).toEqual({ num: 0, den: 6 });
    expect(t.inspection).toEqual({ num: 0, den: 4 });
    expect(w2.progress(['H'], ...Y2026, 30, '2026-01-15').total.inspection).toEqual({
      num: 0,
      den: 0,
      pending: 4,
    });
  });
});

describe('a unit counts only while it exists', () => {
  it('a commune closed on 30/06/2025 is not bound by a document’s own deadline of 31/08/2025', () => {
    const w = new World()
      .unit('T', 'tinh', null)
      .unit('OLD', 'xa', 'T', '2010-01-01', '2025-06-30')
      .unit('NEW', 'xa', 'T', '2025-07-01')
      .unit('KEEP', 'xa', 'T')
      .doc('68-NQ/TW', '2025-05-04')
      .documentDeadline('68-NQ/TW', '2025-08-31')
      .actionPlan('KEEP', '68-NQ/TW', '2025-08-01');
    expect(w.progress(['T'], '2025-01-01', '2025-12-31').total.action_plans).toEqual({ num: 1, den: 2 });
  });

  it('nor by its annual items whose deadline came after it closed', () => {
    const w = new World().unit('T', 'tinh', null).unit('OLD', 'xa', 'T', '2010-01-01', '2025-06-30');
    // Inspection (31/01) fell due while it existed; reporter training (30/09) did not.
    w.figures('OLD', '2024-01-01', { reporters: 3 });
    const t = w.progress(['T'], '2025-01-01', '2025-12-31').total;
    expect(t.inspection).toEqual({ num: 0, den: 4 });
    expect(t.reporters_trained).toEqual({ num: 0, den: 0 });
  });
});
