import { afterAll, describe, expect, it } from 'vitest';
import { cellsOf, DashboardError, dashboardData, dashboardTrend } from '../../src/dashboard/data.js';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { createConferenceReport } from '../../src/db/repositories/conference-reports.js';
import { upsertUser } from '../../src/db/repositories/members.js';
import { saveProgramme, setTarget } from '../../src/db/repositories/programmes.js';
import { emptyRaw, INDICATORS } from '../../src/domain/indicators.js';
import { addDaysIso } from '../../src/domain/vn.js';
import { progressOf } from '../../src/services/standings.js';
import { tempDbPath } from '../helpers/bot-process.js';
import { testClock, testToday } from '../helpers/instant.js';
import { PROVINCE, seedProvince } from '../helpers/province.js';

/* The dashboard's figures (src/dashboard/data.ts): statuses, the trend against progress() year by year, scope. */

const { db, provinceId } = seedProvince(tempDbPath(), testToday);
afterAll(() => db.$client.close());
const ADMIN = 77;
const thisYear = Number(testToday.slice(0, 4));
const env = { db, adminIds: [ADMIN], today: testToday };

describe('dashboard data', () => {
  it('a cell is pending when nothing is due yet, no data when nothing is counted, below or met against the target', () => {
    const raw = emptyRaw();
    raw.online_reach = { num: 0, den: 0, pending: 3 };
    raw.members_study = { num: 80, den: 100 };
    raw.people_aware = { num: 95, den: 100, pending: 1 };
    const cells = cellsOf(raw, { members_study: 0.9, people_aware: 0.9 });
    expect(cells.map((c) => c.status)).toEqual([
      'pending',
      'below',
      'met',
      'nodata',
      'nodata',
      'nodata',
      'nodata',
    ]);
    expect(cells[0]).toMatchObject({ rate: null, pending: 3 });
    expect(cells[2]).toMatchObject({ rate: 0.95, pending: 1 });
  });

  it("the trend's years equal progress() asked one year at a time, over the programme's span", () => {
    const start = thisYear - 3;
    const programme = saveProgramme(
      db,
      {
        code: 'Đề án 99',
        name: 'Đề án thử',
        periodFrom: `${start}-01-01`,
        periodTo: `${thisYear + 2}-12-31`,
      },
      CLI_ACTOR,
      testClock(),
    );
    setTarget(db, programme.id, 'members_study', 0.9, CLI_ACTOR, testClock());
    upsertUser(db, { id: ADMIN, firstName: 'Quản trị' });
    const year = Number(addDaysIso(testToday, -60).slice(0, 4));
    const who = { id: ADMIN, name: 'Quản trị' };
    const q = { unit: provinceId, from: year, to: year };
    const d = dashboardData(env, who, q);
    expect(d.programme).toEqual({ id: programme.id, name: 'Đề án thử' });
    // The page asks for the table without the trend, then the trend apart: the same figures either way.
    const trend = dashboardTrend(env, who, q);
    expect(d.trend).toEqual(trend);
    expect(dashboardData(env, who, q, { trend: false })).toEqual({ ...d, trend: null });
    expect(trend.years).toEqual([start, start + 1, start + 2, thisYear]);
    for (const [i, y] of trend.years.entries()) {
      const total = progressOf(db, [provinceId], { from: y, to: y }, testToday).total;
      for (const s of trend.series) {
        const r = total[s.key];
        expect(s.rates[i]).toEqual(r.den > 0 ? r.num / r.den : null);
      }
    }
    expect(d.indicators.find((x) => x.key === 'members_study')?.target).toBe(0.9);
    expect(d.rows.filter((r) => !r.own)).toHaveLength(PROVINCE.communes);
    expect(d.total.cells.map((c) => c.key)).toEqual([...INDICATORS]);
    expect(d.downloads.xlsx).toBe(`/api/dashboard/export.xlsx?unit=${provinceId}&from=${year}&to=${year}`);
  });

  it('counts a year again once anything was written: a report filed after the first look is in the trend', () => {
    const start = thisYear - 3;
    const ask = () =>
      dashboardTrend(env, { id: ADMIN, name: 'Quản trị' }, { unit: provinceId, from: start, to: start });
    const rates = (t: ReturnType<typeof ask>) => t.series.map((s) => s.rates.at(-1));
    const fresh = () => {
      const t = progressOf(db, [provinceId], { from: thisYear, to: thisYear }, testToday).total;
      return INDICATORS.map((k) => (t[k].den > 0 ? t[k].num / t[k].den : null));
    };
    const before = rates(ask());
    expect(before).toEqual(fresh());
    expect(rates(ask())).toEqual(before);
    const commune = db.$client
      .prepare('SELECT id FROM units WHERE parent_id = ? LIMIT 1')
      .pluck()
      .get(provinceId);
    createConferenceReport(
      db,
      {
        unitId: Number(commune),
        heldOn: testToday,
        documentIds: [40, 41],
        form: 'truc_tuyen',
        bridgePoints: 1,
        eligible: 190,
        present: 100,
        nonMemberAttendances: 0,
        makeUp: false,
        reporterPresent: true,
        note: '',
      },
      { id: ADMIN, label: 'test' },
      testClock(),
    );
    const after = rates(ask());
    expect(after).toEqual(fresh());
    expect(after).not.toEqual(before);
  });

  it('refuses a user with no role, a unit that does not exist, years out of bounds', () => {
    const ask = (user: number, q: Parameters<typeof dashboardData>[2]) => () =>
      dashboardData(env, { id: user, name: 'X' }, q);
    expect(ask(5, {})).toThrow(DashboardError);
    expect(ask(ADMIN, { unit: 987654 })).toThrow('Không tìm thấy đơn vị');
    expect(ask(ADMIN, { unit: provinceId, from: thisYear + 1, to: thisYear + 1 })).toThrow(
      String(thisYear + 1),
    );
    expect(ask(ADMIN, { unit: provinceId, from: thisYear, to: thisYear - 1 })).toThrow('ngược');
  });
});
