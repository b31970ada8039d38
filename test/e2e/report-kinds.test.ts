import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { setDocumentDeadline } from '../../src/db/repositories/deadline-settings.js';
import { addDaysIso, formatDate } from '../../src/domain/vn.js';
import { startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { testToday } from '../helpers/instant.js';
import { callbackQuery, privateChat, user } from '../helpers/updates.js';
import { query, seedWorld } from '../helpers/world.js';

/*
 * Every report kind but the conference, through the real entrypoint: a commune secretary picks the kind
 * in /baocao, answers, confirms; the rows saved are read back from the bot's database.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const world = seedWorld(dbPath);
const today = testToday;
const year = Number(today.slice(0, 4));
const THIS_YEAR = /^Năm nay/;

beforeAll(async () => {
  await startBot({ apiRoot: await api.start(), databasePath: dbPath, api });
});

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

let nextUserId = 9000;
async function person(name: string, unit = 'XA_THANHMAI', role: 'bi_thu' | 'lanh_dao' = 'bi_thu') {
  const u = user(++nextUserId, name);
  const c = new Conversation(api, u, privateChat(u));
  await c.say(`/start ${world.invite(unit, role)}`);
  return c;
}

/** `/baocao`, then the kind's button: returns the form's first question. */
async function open(c: Conversation, kind: string): Promise<string> {
  await c.say('/baocao');
  return (await c.press(kind))[0] ?? '';
}

const confirm = async (c: Conversation) => (await c.press('✅ Xác nhận'))[0] ?? '';

const rows = (sql: string) => query(dbPath, sql, world.unitId('XA_THANHMAI'));

describe('/baocao offers the kinds that apply', () => {
  it('all nine to a commune secretary; no action plan to the province', async () => {
    const c = await person('Lan');
    expect((await c.say('/baocao'))[0]).toBe('Đồng chí báo cáo việc gì?');
    expect(c.buttonLabels()).toEqual([
      'Hội nghị học tập, quán triệt',
      'Chương trình, kế hoạch hành động',
      'Kế hoạch hành động cá nhân',
      'Chương trình kiểm tra, giám sát',
      'Tập huấn báo cáo viên',
      'Khảo sát mức độ nắm bắt',
      'Khen thưởng',
      'Loa truyền thanh, điểm cầu',
      'Số liệu đơn vị',
    ]);
    const p = await person('Sơn', 'TU_TN', 'lanh_dao');
    await p.say('/baocao');
    expect(p.buttonLabels()).not.toContain('Chương trình, kế hoạch hành động');
    // A forged or stale button is refused with a reason, and opens nothing.
    await p.pressData('k:ke_hoach_hanh_dong');
    expect(p.toasts().at(-1)).toContain('không áp dụng cho đơn vị của đồng chí');
    await p.pressData(`k:khao_sat:${world.unitId('XA_THANHMAI')}`);
    expect(p.toasts().at(-1)).toContain('không áp dụng cho đơn vị của đồng chí');
    expect((await p.say('xin chào'))[0]).toContain('Tôi chưa hiểu');
  });
});

describe('each kind is filed and saved', () => {
  it('an action plan for one document', async () => {
    const c = await person('Tuấn');
    expect(await open(c, 'Chương trình, kế hoạch hành động')).toContain('văn bản nào?');
    expect((await c.say('35, 57'))[0]).toContain('chỉ cho một văn bản');
    await c.say('57');
    await c.press('Hôm nay');
    expect(await confirm(c)).toMatch(
      /^✅ Đã lưu chương trình, kế hoạch hành động của Đảng ủy xã Thanh Mai thực hiện 57-NQ\/TW ngày 22\/12\/2024/,
    );
    expect(
      rows(
        'select d.code, p.issued_on from action_plans p join documents d on d.id = p.document_id where p.unit_id = ?',
      ),
    ).toEqual([{ code: '57-NQ/TW', issued_on: today }]);
  });

  it('an action plan issued after its deadline: saved, with a word that it is not timely', async () => {
    const [doc] = query<{ id: number }>(dbPath, "select id from documents where code = '35-NQ/TW'");
    const due = (days: number) => {
      setDocumentDeadline(world.db, doc?.id ?? 0, addDaysIso(today, days), CLI_ACTOR, new Date());
      return formatDate(addDaysIso(today, days));
    };
    const file = async (c: Conversation) => {
      await open(c, 'Chương trình, kế hoạch hành động');
      await c.say('35');
      await c.press('Hôm nay');
      return confirm(c);
    };
    const c = await person('Phong');
    const yesterday = due(-1);
    const late = await file(c);
    expect(late).toMatch(
      /^✅ Đã lưu chương trình, kế hoạch hành động của Đảng ủy xã Thanh Mai thực hiện 35-NQ\/TW/,
    );
    expect(late.split('\n').at(-1)).toBe(
      `⚠️ Ban hành sau hạn ${yesterday}: không tính là kịp thời (chỉ tiêu 5).`,
    );
    due(0);
    expect(await file(c)).not.toContain('⚠️');
  });

  it('personal plans for this year, at most the required count', async () => {
    const c = await person('Cúc');
    await open(c, 'Kế hoạch hành động cá nhân');
    expect((await c.press(THIS_YEAR))[0]).toContain('đơn vị có 20 đồng chí phải có kế hoạch');
    expect((await c.say('21'))[0]).toContain('không thể lớn hơn số đồng chí phải có kế hoạch (20');
    await c.say('18');
    expect(await confirm(c)).toContain('Bí thư, người đứng đầu có kế hoạch: 90,0% (18/20)');
    expect(rows('select year, with_plan from personal_plans where unit_id = ?')).toEqual([
      { year, with_plan: 18 },
    ]);
  });

  it('the inspection programmes of the committee and of the UBKT', async () => {
    const c = await person('Dũng');
    for (const body of ['Cấp ủy', 'Ủy ban kiểm tra (UBKT)']) {
      await open(c, 'Chương trình kiểm tra, giám sát');
      await c.press(THIS_YEAR);
      await c.press(body);
      await c.press('Hôm nay');
      expect(await confirm(c)).toContain(`chương trình kiểm tra, giám sát năm ${year} của`);
    }
    expect(c.all().map((m) => m.text ?? '')).toContainEqual(
      expect.stringContaining('của UBKT Đảng ủy xã Thanh Mai'),
    );
    expect(
      rows('select year, body, approved_on from inspection_programmes where unit_id = ? order by body'),
    ).toEqual([
      { year, body: 'cap_uy', approved_on: today },
      { year, body: 'ubkt', approved_on: today },
    ]);
  });

  it('reporter training, at most the unit’s reporters', async () => {
    const c = await person('Giang');
    await open(c, 'Tập huấn báo cáo viên');
    await c.press(THIS_YEAR);
    expect((await c.press('Hôm nay'))[0]).toContain('đơn vị có 5 báo cáo viên');
    expect((await c.say('6'))[0]).toContain('Số được tập huấn (6) không thể lớn hơn số báo cáo viên (5');
    await c.press('Tất cả: 5');
    expect(await confirm(c)).toContain('Đã tập huấn 5/5 báo cáo viên (100,0%).');
    expect(rows('select year, trained, held_on from reporter_trainings where unit_id = ?')).toEqual([
      { year, trained: 5, held_on: today },
    ]);
  });

  it('an awareness survey, opened by a deep link for the unit', async () => {
    const c = await person('Hà');
    const first = await c.say(`/start f-khao_sat-${world.unitId('XA_THANHMAI')}`);
    expect(first[0]).toContain('Cuộc khảo sát kết thúc ngày nào?');
    await c.press('Hôm nay');
    await c.say('500');
    expect((await c.say('501'))[0]).toContain(
      'Số người nắm được (501) không thể lớn hơn số người được khảo sát (500).',
    );
    await c.say('410');
    expect(await confirm(c)).toContain('Tỷ lệ nắm bắt: 82,0% (410/500)');
    expect(rows('select surveyed, aware from awareness_surveys where unit_id = ?')).toEqual([
      { surveyed: 500, aware: 410 },
    ]);
    expect((await c.say(`/start f-khao_sat-${world.unitId('XA_TANKY')}`))[0]).toContain('không áp dụng');
    expect((await c.say('/start f-khong_co'))[0]).toContain('không đúng hoặc đã cũ');
  });

  it('commendations: not both zero, and a double "Xác nhận" saves once', async () => {
    const c = await person('Khánh');
    await open(c, 'Khen thưởng');
    await c.press('Hôm nay');
    await c.say('0');
    expect((await c.say('0'))[0]).toContain('Cần ít nhất một tập thể hoặc một cá nhân');
    await c.say('7');
    await c.press('⏭ Bỏ qua');
    const summary = c.last();
    const data = api.buttons(summary).find((b) => b.text === '✅ Xác nhận')?.callback_data ?? '';
    const ids = api.pushUpdates([
      callbackQuery(c.from, c.chat, summary, data),
      callbackQuery(c.from, c.chat, summary, data),
    ]);
    await api.waitForProcessed(ids[1] as number);
    const saved = c.all().map((m) => m.text ?? '');
    expect(saved.filter((t) => t.startsWith('✅ Đã lưu khen thưởng'))).toEqual([
      `✅ Đã lưu khen thưởng ngày ${today.split('-').reverse().join('/')} của Đảng ủy xã Thanh Mai: 0 tập thể, 7 cá nhân.`,
    ]);
    expect(rows('select collectives, individuals, note from commendations where unit_id = ?')).toEqual([
      { collectives: 0, individuals: 7, note: null },
    ]);
  });

  it('facilities need figures first; then a new dated row copies the other figures', async () => {
    const t = await person('Minh', 'XA_TANKY');
    await t.say('/baocao');
    expect((await t.press('Loa truyền thanh, điểm cầu')).at(-1)).toContain(
      'Đảng ủy xã Tân Kỳ chưa có số liệu đơn vị',
    );
    const c = await person('Nga');
    await open(c, 'Loa truyền thanh, điểm cầu');
    const seeded = {
      as_of: '2025-07-01',
      party_members: 130,
      reporters: 5,
      has_loudspeaker: 1,
      bridge_points: 1,
    };
    const filed = { ...seeded, as_of: today, has_loudspeaker: 0, bridge_points: 3 };
    expect((await c.press('Hôm nay'))[0]).toContain('Số liệu ngày 01/07/2025: có.');
    await c.press('Không');
    await c.say('3');
    expect(await confirm(c)).toContain(
      'loa truyền thanh: không; 3 điểm cầu trực tuyến. Các số liệu khác giữ như ngày 01/07/2025.',
    );
    expect(
      rows(
        'select as_of, party_members, reporters, has_loudspeaker, bridge_points from unit_figures where unit_id = ? order by as_of',
      ),
    ).toEqual(
      // Run on 01/07/2025 itself (TEST_INSTANT), the seeded row is today's row, and it is corrected.
      today === seeded.as_of ? [filed] : [seeded, filed],
    );
  });

  it('a figures update offers the current values and corrects the day’s row', async () => {
    const c = await person('Oanh');
    await open(c, 'Số liệu đơn vị');
    await c.press('Hôm nay');
    await c.press('Dùng số hiện có: 130');
    expect((await c.say('131'))[0]).toContain(
      'Số miễn sinh hoạt (131) không thể lớn hơn tổng số đảng viên (130).',
    );
    await c.say('6');
    await c.say('7');
    await c.press('Dùng số hiện có: 20');
    await c.press('Có');
    await c.press('Dùng số hiện có: 3');
    expect(await confirm(c)).toMatch(
      /^✅ Đã cập nhật số liệu của Đảng ủy xã Thanh Mai .*\n130 đảng viên \(6 miễn sinh hoạt, 124 phải học tập\); 7 báo cáo viên/,
    );
    expect(
      rows(
        `select exempt_members, reporters, has_loudspeaker from unit_figures where unit_id = ? and as_of = '${today}'`,
      ),
    ).toEqual([{ exempt_members: 6, reporters: 7, has_loudspeaker: 1 }]);
    const audit = query<{ n: number }>(
      dbPath,
      "select count(*) as n from audit_log where entity = 'unit_figures' and actor_label != 'cli'",
    );
    expect(audit).toEqual([{ n: 2 }]);
  });
});
