import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { privateChat, user } from '../helpers/updates.js';
import { query, seedWorld } from '../helpers/world.js';

/*
 * An administrator (ADMIN_IDS) sets up a unit and invites its secretary entirely in the chat, through
 * the real entrypoint; the secretary joins. A leader administers only their own subtree.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const world = seedWorld(dbPath);
const ADMIN = user(4242, 'Quản');

beforeAll(async () => {
  await startBot({
    apiRoot: await api.start(),
    databasePath: dbPath,
    api,
    env: { ADMIN_IDS: String(ADMIN.id) },
  });
});

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

const chat = (u: ReturnType<typeof user>) => new Conversation(api, u, privateChat(u));

describe('administration in the chat', () => {
  it('adds a unit under a commune, invites its secretary, and the secretary joins', async () => {
    const admin = chat(ADMIN);
    const [view = ''] = await admin.say('/donvi xa_thanhmai');
    expect(view).toContain('🏛 Đảng ủy xã Thanh Mai (XA_THANHMAI) — Đảng bộ xã, phường, thị trấn');
    expect(view).toContain('Số liệu ngày 01/07/2025: 130 đảng viên (4 miễn sinh hoạt), 5 báo cáo viên');
    expect((await admin.press('➕ Thêm trực thuộc'))[0]).toContain('là loại nào?');
    await admin.press('Chi bộ');
    expect((await admin.say('cb ban 1'))[0]).toContain('Mã đơn vị chỉ gồm chữ không dấu');
    expect((await admin.say('xa_tanky'))[0]).toContain('Mã XA_TANKY đã có.');
    await admin.say('cb_thanhmai_ban1');
    await admin.say('Chi bộ thôn Bản 1');
    const [summary = ''] = await admin.press('Hôm nay');
    expect(summary).toContain('• Mã: cb_thanhmai_ban1');
    expect((await admin.press('✅ Xác nhận'))[0]).toBe(
      '✅ Đã thêm Chi bộ thôn Bản 1 (CB_THANHMAI_BAN1) trực thuộc Đảng ủy xã Thanh Mai.',
    );
    expect(query(dbPath, "select kind, name from units where code = 'CB_THANHMAI_BAN1'")).toEqual([
      { kind: 'chi_bo', name: 'Chi bộ thôn Bản 1' },
    ]);

    // Its figures, entered by the administrator through the same form a secretary uses.
    await admin.say('/donvi CB_THANHMAI_BAN1');
    expect((await admin.press('📊 Số liệu'))[0]).toContain('Số liệu tính đến ngày nào?');
    await admin.press('Hôm nay');
    expect((await admin.say('25'))[0]).toContain('miễn sinh hoạt');
    // A chi bộ is asked only its members and exempt: the next message is the summary to confirm.
    const [asked = ''] = await admin.say('1');
    expect(asked).not.toMatch(
      /báo cáo viên\?|kế hoạch hành động cá nhân\?|loa truyền thanh không\?|điểm cầu trực tuyến\?/,
    );
    expect((await admin.press('✅ Xác nhận'))[0]).toContain('Chi bộ thôn Bản 1');
    expect(
      query(
        dbPath,
        `select party_members, exempt_members, reporters, personal_plan_required, has_loudspeaker, bridge_points
         from unit_figures f join units u on u.id = f.unit_id where u.code = 'CB_THANHMAI_BAN1'`,
      ),
    ).toEqual([
      {
        party_members: 25,
        exempt_members: 1,
        reporters: 0,
        personal_plan_required: 0,
        has_loudspeaker: 0,
        bridge_points: 0,
      },
    ]);

    await admin.say('/donvi CB_THANHMAI_BAN1');
    await admin.press('✉️ Mời');
    const [invite = ''] = await admin.press('bí thư (người báo cáo)');
    const code = /start=([A-Z0-9]+)/.exec(invite)?.[1] ?? '';
    expect(invite).toContain('Link mời bí thư (người báo cáo) của Chi bộ thôn Bản 1');
    expect(code).not.toBe('');

    const secretary = chat(user(4343, 'Hằng'));
    expect((await secretary.say(`/start ${code}`))[0]).toMatch(
      /^Chào đồng chí Hằng! Đồng chí đã được ghi nhận là bí thư \(người báo cáo\) của Chi bộ thôn Bản 1\.\n\n/,
    );
    await admin.say('/donvi CB_THANHMAI_BAN1');
    const [members = ''] = await admin.press('👥 Thành viên');
    expect(members).toContain('• Hằng: bí thư (người báo cáo)');
    const [trail = ''] = await admin.say('/nhatky CB_THANHMAI_BAN1');
    expect(trail).toContain('tạo thành viên');
    expect(trail).toContain('tạo đơn vị');
  });

  it('cancels an invite sent to the wrong person: the link stops working, and only for that unit', async () => {
    const admin = chat(ADMIN);
    await admin.say('/donvi XA_TANKY');
    await admin.press('✉️ Mời');
    const [invite = ''] = await admin.press('lãnh đạo');
    const code = /start=([A-Z0-9]+)/.exec(invite)?.[1] ?? '';
    const inviteMessage = admin.last();
    // A forged press naming this invite under another unit the administrator also runs: nothing happens.
    const [forged = ''] = await admin.pressData(
      `a:invx:${world.unitId('XA_THANHMAI')}:${code}`,
      inviteMessage,
    );
    expect(forged).toBe('Không tìm thấy link mời này.');
    expect((await admin.press('🚫 Hủy link này', inviteMessage))[0]).toBe(
      'Đã hủy link mời: link và mã không dùng được nữa (ghi vào nhật ký).',
    );
    const stranger = chat(user(4545, 'Người lạ'));
    expect((await stranger.say(`/start ${code}`))[0]).toContain('Mã mời này đã hết hạn');
    expect(query(dbPath, 'select count(*) as n from members where user_id = 4545')).toEqual([{ n: 0 }]);
    expect((await admin.press('🚫 Hủy link này', inviteMessage))[0]).toBe(
      'Link này đã hết hạn hoặc đã được hủy: không dùng được nữa.',
    );
  });

  it('lists the links not yet used under "✉️ Mời", each with its cancel button', async () => {
    const admin = chat(ADMIN);
    await admin.say('/donvi XA_TANKY');
    const [none = ''] = await admin.press('✉️ Mời');
    expect(none).toBe('Mời vào Đảng ủy xã Tân Kỳ với vai trò nào?');
    const [invite = ''] = await admin.press('bí thư (người báo cáo)');
    const code = /start=([A-Z0-9]+)/.exec(invite)?.[1] ?? '';
    const expires = /hết hạn ngày (\d\d\/\d\d\/\d{4})/.exec(invite)?.[1] ?? '';
    await admin.say('/donvi XA_TANKY');
    const [listed = ''] = await admin.press('✉️ Mời');
    expect(listed).toBe(
      'Mời vào Đảng ủy xã Tân Kỳ với vai trò nào?\n\n' +
        'Còn 1 link mời chưa ai dùng (bấm 🚫 bên dưới để hủy link gửi nhầm):\n' +
        `• bí thư (người báo cáo), hết hạn ngày ${expires}`,
    );
    expect((await admin.press(`🚫 Hủy link bí thư (người báo cáo) (hết hạn ${expires})`))[0]).toBe(
      'Đã hủy link mời: link và mã không dùng được nữa (ghi vào nhật ký).',
    );
    expect((await chat(user(4646, 'Người khác')).say(`/start ${code}`))[0]).toContain(
      'Mã mời này đã hết hạn',
    );
    await admin.say('/donvi XA_TANKY');
    expect((await admin.press('✉️ Mời'))[0]).toBe('Mời vào Đảng ủy xã Tân Kỳ với vai trò nào?');
  });

  it('renames and closes a unit, revokes a member; every change is in the audit log', async () => {
    const admin = chat(ADMIN);
    await admin.say('/donvi CB_THANHMAI_BAN1');
    await admin.press('✏️ Đổi tên');
    await admin.say('Chi bộ thôn Bản Một');
    expect((await admin.press('✅ Xác nhận'))[0]).toBe(
      '✅ Đã đổi tên Chi bộ thôn Bản 1 thành Chi bộ thôn Bản Một.',
    );
    await admin.say('/donvi CB_THANHMAI_BAN1');
    await admin.press('👥 Thành viên');
    await admin.press(/^🚫 Hằng/);
    expect((await admin.press('🚫 Thu hồi'))[0]).toBe('Đã thu hồi vai trò (ghi vào nhật ký).');
    await admin.say('/donvi CB_THANHMAI_BAN1');
    await admin.press('⛔ Đóng');
    await admin.press('Hôm nay');
    await admin.press('⏭ Bỏ qua');
    expect((await admin.press('✅ Xác nhận'))[0]).toMatch(/^✅ Chi bộ thôn Bản Một hết hiệu lực sau ngày/);
    const actions = query<{ action: string; entity: string }>(
      dbPath,
      "select action, entity from audit_log where unit_id = (select id from units where code = 'CB_THANHMAI_BAN1') order by id",
    );
    expect(actions.map((a) => `${a.action} ${a.entity}`)).toEqual([
      'create unit',
      'create unit_figures',
      'create invite',
      'create member',
      'update unit',
      'delete member',
      'update unit',
    ]);
  });

  it('lets a leader administer only their subtree, and nobody else at all', async () => {
    const leader = chat(user(4444, 'Lãnh'));
    await leader.say(`/start ${world.invite('XA_TANKY', 'lanh_dao')}`);
    expect((await leader.say('/donvi'))[0]).toContain('🏛 Đảng ủy xã Tân Kỳ');
    expect((await leader.say('/donvi XA_THANHMAI'))[0]).toContain('Đồng chí không quản trị đơn vị này');
    await leader.pressData(`a:ren:${world.unitId('XA_THANHMAI')}`);
    expect(leader.toasts().at(-1)).toContain('Đồng chí không quản trị đơn vị này');
    const stranger = chat(user(4545, 'Lạ'));
    expect((await stranger.say('/donvi'))[0]).toBe('Lệnh này chỉ dành cho quản trị (văn phòng cấp ủy).');
  });
});
