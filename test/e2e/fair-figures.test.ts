import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { createConferenceReport } from '../../src/db/repositories/conference-reports.js';
import { upsertDocuments } from '../../src/db/repositories/documents.js';
import { upsertFigures } from '../../src/db/repositories/figures.js';
import { savePersonalPlans, saveReporterTraining } from '../../src/db/repositories/filed-reports.js';
import { createInvite } from '../../src/db/repositories/invites.js';
import { upsertUser } from '../../src/db/repositories/members.js';
import { getUnitByCode, upsertUnits } from '../../src/db/repositories/units.js';
import type { Role } from '../../src/db/schema.js';
import { addDaysIso } from '../../src/domain/vn.js';
import { startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { testClock, testToday, testYear } from '../helpers/instant.js';
import { conferenceRow, NQ_35, unitRow } from '../helpers/seed-rows.js';
import { privateChat, user } from '../helpers/updates.js';
import { query } from '../helpers/world.js';

/*
 * Issue 13, case 1, through the real entrypoint: a district whose indicator 4 reads 15/26 and 6 reads 46/67, and
 * a commune at 14/15 personal plans (93,33% ✅). A chi bộ under that commune files "Số liệu đơn vị": it is asked
 * only what counts for it, and the district's and the commune's figures do not move.
 */

const api = new FakeBotApi();
const HELD_ON = addDaysIso(testToday, -3);
const PLAN_DUE = addDaysIso(HELD_ON, 30);
/** The year /tiendo is asked for: the plan's (the day before New Year, next year's, which is not yet askable). */
const PLAN_YEAR = Number(PLAN_DUE.slice(0, 4));
const dbPath = tempDbPath();

function seedDistrict() {
  const db = openDatabase(dbPath);
  const now = testClock();
  upsertUnits(
    db,
    [
      unitRow('HU_CM', 'Huyện ủy Chợ Mới', 'huyen', null),
      unitRow('XA_DT', 'Đảng ủy thị trấn Đồng Tâm', 'xa', 'HU_CM'),
      unitRow('XA_QC', 'Đảng ủy xã Quảng Chu', 'xa', 'HU_CM'),
      unitRow('CB_DT_1', 'Chi bộ tổ 1 Đồng Tâm', 'chi_bo', 'XA_DT'),
    ],
    CLI_ACTOR,
    now,
  );
  const id = (code: string) => getUnitByCode(db, code)?.id ?? Number.NaN;
  const figures = (code: string, reporters: number, personalPlanRequired: number) => ({
    unitId: id(code),
    asOf: '2020-01-01',
    partyMembers: 200,
    exemptMembers: 5,
    reporters,
    personalPlanRequired,
    hasLoudspeaker: true,
    bridgePoints: 1,
  });
  // Đồng Tâm: 5 of 10 reporters trained, 14 of 15 personal plans; Quảng Chu: 10 of 16, 32 of 52.
  upsertFigures(db, [figures('XA_DT', 10, 15), figures('XA_QC', 16, 52)], CLI_ACTOR, now);
  const heldOn = `${testYear}-01-01`;
  saveReporterTraining(db, { unitId: id('XA_DT'), year: testYear, heldOn, trained: 5 }, CLI_ACTOR, now);
  saveReporterTraining(db, { unitId: id('XA_QC'), year: testYear, heldOn, trained: 10 }, CLI_ACTOR, now);
  savePersonalPlans(db, { unitId: id('XA_DT'), year: testYear, withPlan: 14 }, CLI_ACTOR, now);
  savePersonalPlans(db, { unitId: id('XA_QC'), year: testYear, withPlan: 32 }, CLI_ACTOR, now);
  // Quảng Chu held its first conference on 35-NQ/TW three days ago: its action plan is due in 30 days.
  upsertDocuments(db, [NQ_35], CLI_ACTOR, now);
  upsertUser(db, { id: 42, firstName: 'Lan' });
  createConferenceReport(
    db,
    conferenceRow(id('XA_QC'), HELD_ON, [1], { eligible: 195, present: 180 }),
    { id: 42, label: 'lan' },
    now,
  );
  const invite = (code: string, role: Role) =>
    createInvite(db, { unitId: id(code), role, createdBy: null, now }).code;
  return { invite, close: () => db.$client.close() };
}

const world = seedDistrict();
let next = 9700;
async function join(name: string, unit: string, role: Role): Promise<Conversation> {
  const u = user(++next, name);
  const c = new Conversation(api, u, privateChat(u));
  await c.say(`/start ${world.invite(unit, role)}`);
  return c;
}

let district: Conversation;
let commune: Conversation;
let chiBo: Conversation;

beforeAll(async () => {
  await startBot({ apiRoot: await api.start(), databasePath: dbPath, api });
  district = await join('Tuấn', 'HU_CM', 'lanh_dao');
  commune = await join('Mai', 'XA_DT', 'lanh_dao');
  chiBo = await join('Hà', 'CB_DT_1', 'bi_thu');
});

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

const TRAINED = /⚠️ 4\. Báo cáo viên được tập huấn: 57,69% \S+ 15\/26 · mục tiêu 100%/;
const PLANS = /⚠️ 6\. Bí thư, người đứng đầu có KH cá nhân: 68,66% \S+ 46\/67 · mục tiêu 90%/;
const COMMUNE_PLANS = /✅ 6\. Bí thư, người đứng đầu có KH cá nhân: 93,33% \S+ 14\/15 · mục tiêu 90%/;

async function standings() {
  const [districtText = ''] = await district.say('/tiendo');
  const [communeText = ''] = await commune.say('/tiendo');
  return { districtText, communeText };
}

describe("a chi bộ's figures", () => {
  it('are asked only what counts for a chi bộ, and leave the district and the commune where they were', async () => {
    const before = await standings();
    expect(before.districtText).toContain(`Huyện ủy Chợ Mới · năm ${testYear}`);
    expect(before.districtText).toMatch(TRAINED);
    expect(before.districtText).toMatch(PLANS);
    expect(before.communeText).toContain(`Đảng ủy thị trấn Đồng Tâm · năm ${testYear}`);
    expect(before.communeText).toMatch(COMMUNE_PLANS);

    await chiBo.say('/baocao');
    expect((await chiBo.press('Số liệu đơn vị'))[0]).toContain('Số liệu tính đến ngày nào?');
    await chiBo.press('Hôm nay');
    expect((await chiBo.say('24'))[0]).toContain('miễn sinh hoạt');
    const [summary = ''] = await chiBo.say('1');
    // Members and exempt only: no reporters, personal plans, loudspeaker or bridge points.
    expect(summary).not.toMatch(
      /báo cáo viên\?|kế hoạch hành động cá nhân\?|loa truyền thanh không\?|điểm cầu/,
    );
    expect((await chiBo.press('✅ Xác nhận'))[0]).toContain('Chi bộ tổ 1 Đồng Tâm');
    expect(
      query(
        dbPath,
        `select as_of, party_members, exempt_members, reporters, personal_plan_required
         from unit_figures f join units u on u.id = f.unit_id where u.code = 'CB_DT_1'`,
      ),
    ).toEqual([
      { as_of: testToday, party_members: 24, exempt_members: 1, reporters: 0, personal_plan_required: 0 },
    ]);

    const after = await standings();
    expect(after.districtText).toMatch(TRAINED);
    expect(after.districtText).toMatch(PLANS);
    expect(after.communeText).toMatch(COMMUNE_PLANS);
  });
});

describe('an action plan not yet due', () => {
  const indicator5 = /\n(\S+) 5\. [^\n]*/;
  it('is shown apart in /tiendo, /xuat and /tongket, never as a failure', async () => {
    const [text = ''] = await district.say(`/tiendo xa_qc ${testYear}`);
    expect(text).toContain(`Đảng ủy xã Quảng Chu · năm ${testYear}`);
    const line = indicator5.exec(text)?.[0].trim();
    if (PLAN_YEAR > testYear) {
      // Held a few days before New Year: the plan falls due next year and is not this year's.
      expect(line).toMatch(/: chưa có dữ liệu · mục tiêu 100%$/);
      return;
    }
    expect(line).toMatch(/^➖ 5\. [^:]+: 1 chưa đến hạn · mục tiêu 100%$/);

    await district.say('/xuat xa_qc');
    const data = api.callsOf('sendDocument').at(-1)?.files[0]?.data;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Chỉ tiêu') as ExcelJS.Worksheet;
    const total = sheet.getRow(sheet.actualRowCount);
    expect(total.getCell(2).value).toBe('Tổng cộng');
    // Code, name, then five columns per indicator: indicator 5's are 23–27, "Chưa đến hạn" the last.
    const pendingColumn = 2 + 4 * 5 + 5;
    expect(String(sheet.getRow(2).getCell(pendingColumn).value)).toBe('Chưa đến hạn');
    expect([total.getCell(23).value, total.getCell(24).value, total.getCell(pendingColumn).value]).toEqual([
      0, 0, 1,
    ]);

    const replies = await district.say(`/tongket xa_qc ${testYear}`);
    expect(replies.join('\n')).toMatch(
      /kế hoạch hành động thực hiện nghị quyết, chỉ thị của Đảng kịp thời: chưa đến hạn \(1\) \(mục tiêu 100%\)/,
    );
  });
});
