import { describe, expect, it } from 'vitest';
import { isOfficeDay, isoWeekday } from '../../src/domain/calendar.js';
import {
  actionPlanDeadline,
  DEFAULT_RULES,
  escalationStage,
  itemKey,
  parseMonthDay,
  reminderStage,
} from '../../src/domain/deadlines.js';

describe('reminder stages', () => {
  it.each([
    ['2026-01-20', null],
    ['2026-01-23', null],
    ['2026-01-24', 'd-7'],
    ['2026-01-29', 'd-7'],
    ['2026-01-30', 'd-1'],
    ['2026-01-31', 'd0'],
    ['2026-02-01', 'd0'],
    ['2026-02-06', 'd0'],
    ['2026-02-07', 'w1'],
    ['2026-02-13', 'w1'],
    ['2026-02-14', 'w2'],
  ])('for a deadline of 31/01/2026, on %s the latest stage is %s', (today, stage) => {
    expect(reminderStage('2026-01-31', today)).toBe(stage);
  });

  it('escalates to the parent from 7 days overdue, weekly', () => {
    expect(escalationStage('2026-01-31', '2026-02-06')).toBeNull();
    expect(escalationStage('2026-01-31', '2026-02-07')).toBe('e1');
    expect(escalationStage('2026-01-31', '2026-02-20')).toBe('e2');
  });
});

describe('deadlines', () => {
  it('puts an action plan 30 days after the first conference unless the document says otherwise', () => {
    expect(actionPlanDeadline('2026-01-15', DEFAULT_RULES, null)).toBe('2026-02-14');
    expect(actionPlanDeadline('2026-01-15', DEFAULT_RULES, '2026-03-31')).toBe('2026-03-31');
  });

  it('names items stably', () => {
    expect(itemKey({ kind: 'inspection', unitId: 7, deadline: '2026-01-31', year: 2026, body: 'ubkt' })).toBe(
      'inspection:7:2026:ubkt',
    );
    expect(itemKey({ kind: 'action_plan', unitId: 7, deadline: '2026-02-14', documentId: 3 })).toBe(
      'action_plan:7:3',
    );
  });

  it('reads a day of the year', () => {
    expect(parseMonthDay('31/1')).toEqual({ ok: true, value: '01-31' });
    expect(parseMonthDay('30/09')).toEqual({ ok: true, value: '09-30' });
    expect(parseMonthDay('29/02').ok).toBe(false);
    expect(parseMonthDay('32/01').ok).toBe(false);
  });
});

describe('office days', () => {
  const cal = { weekdays: [1, 2, 3, 4, 5], holidays: new Set(['2026-09-02']) };
  it('skips weekends and listed holidays', () => {
    expect(isoWeekday('2026-11-28')).toBe(6);
    expect(isOfficeDay('2026-11-27', cal)).toBe(true);
    expect(isOfficeDay('2026-11-28', cal)).toBe(false);
    expect(isOfficeDay('2026-11-29', cal)).toBe(false);
    expect(isOfficeDay('2026-09-02', cal)).toBe(false);
  });
});
