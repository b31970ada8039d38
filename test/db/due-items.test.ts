import { describe, expect, it } from 'vitest';
import { DUE_SINCE_KEY, dueItems } from '../../src/db/repositories/due-items.js';
import { setSetting } from '../../src/db/repositories/settings.js';
import { World } from '../helpers/progress-fixture.js';

/* Which items are due, for whom (docs/domain.md, "Deadlines and reminders"). */

const titles = (w: World, today: string) =>
  dueItems(w.db, { today, horizon: today, rootIds: null }).entries.map(
    (e) =>
      `${w.db.$client.prepare('select code from units where id = ?').pluck().get(e.item.unitId)}: ${e.title}`,
  );

describe('due items', () => {
  it('asks each kind only for what it files: no training of a hospital’s organisation, no plans of a chi bộ', () => {
    const w = new World()
      .unit('T', 'tinh', null, '2020-01-01')
      .unit('BV', 'co_so', 'T', '2020-01-01')
      .unit('C', 'chi_bo', 'BV', '2020-01-01')
      .figures('BV', '2020-01-01', { reporters: 2, personalPlanRequired: 3 })
      .figures('C', '2020-01-01', { reporters: 1, personalPlanRequired: 2 })
      .inspection('T', 2026, 'cap_uy')
      .inspection('T', 2026, 'ubkt')
      .inspection('BV', 2026, 'cap_uy')
      .inspection('BV', 2026, 'ubkt');
    setSetting(w.db, DUE_SINCE_KEY, '2026');
    expect(titles(w, '2026-12-02')).toEqual([
      'BV: Kế hoạch hành động cá nhân năm 2026 của bí thư, người đứng đầu',
    ]);
  });

  it('keeps last year’s unfiled items after the year turns; a unit owes nothing for a deadline before it existed', () => {
    const w = new World()
      .unit('T', 'tinh', null, '2020-01-01')
      .unit('X', 'xa', 'T', '2025-07-01')
      .figures('X', '2025-07-01', { reporters: 3 });
    setSetting(w.db, DUE_SINCE_KEY, '2025');
    const on = titles(w, '2027-01-04').filter((t) => t.startsWith('X:'));
    expect(on).toEqual([
      'X: Chương trình kiểm tra, giám sát năm 2026 của cấp ủy',
      'X: Chương trình kiểm tra, giám sát năm 2026 của UBKT',
      'X: Chương trình kiểm tra, giám sát năm 2027 của cấp ủy',
      'X: Chương trình kiểm tra, giám sát năm 2027 của UBKT',
      'X: Tập huấn báo cáo viên năm 2025',
      'X: Tập huấn báo cáo viên năm 2026',
      'X: Tập huấn báo cáo viên năm 2027',
    ]);
  });

  it('starts from the year reminders were first asked for, when no administrator set one', () => {
    const w = new World().unit('T', 'tinh', null, '2010-01-01');
    expect(titles(w, '2026-03-01')).toEqual([
      'T: Chương trình kiểm tra, giám sát năm 2026 của cấp ủy',
      'T: Chương trình kiểm tra, giám sát năm 2026 của UBKT',
    ]);
  });
});
