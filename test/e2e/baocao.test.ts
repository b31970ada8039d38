import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { fillInPersonConference } from '../helpers/scenarios.js';
import { callbackQuery, groupChat, privateChat, textMessage, user } from '../helpers/updates.js';
import { query, seedWorld } from '../helpers/world.js';

/*
 * The real entrypoint (src/main.ts) in a child process, against a loopback fake Bot API:
 * whole /baocao conversations as a commune secretary has them.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const world = seedWorld(dbPath);
let bot: BotProcess;
let apiRoot: string;

const start = () => startBot({ apiRoot, databasePath: dbPath, api });

beforeAll(async () => {
  apiRoot = await api.start();
  bot = await start();
});

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

let nextUserId = 5000;
/** A new person with a private chat; with `code` they have joined through that invite. */
async function person(name: string, code?: string) {
  const u = user(++nextUserId, name);
  const c = new Conversation(api, u, privateChat(u));
  if (code) await c.say(`/start ${code}`);
  return c;
}

const reportRows = (unitCode = 'XA_THANHMAI') =>
  query<{ id: number; present: number; eligible: number; non_member_attendances: number; form: string }>(
    dbPath,
    'select r.* from conference_reports r join units u on u.id = r.unit_id where u.code = ? order by r.id',
    unitCode,
  );

/** Answers every question of a report with ordinary values; returns at the summary. */
const fillReport = (c: Conversation, present = '120') => fillInPersonConference(c, present);

describe('a newcomer', () => {
  it('is told how to get an invite, and a wrong or used code says so', async () => {
    const c = await person('Hoa');
    expect((await c.say('/start'))[0]).toContain('cần một mã mời');
    expect((await c.say('/baocao'))[0]).toContain('chưa được giao vai trò nào');
    expect((await c.say('/start KHONGCOMA'))[0]).toContain('Mã mời không đúng');
    const code = world.invite('XA_TANKY', 'bi_thu');
    await (await person('Minh')).say(`/start ${code}`);
    expect((await c.say(`/start ${code}`))[0]).toContain('Mã mời này đã được dùng');
  });

  it('guessing codes: five wrong ones, then a wait that a right code does not skip; the log warns', async () => {
    const c = await person('Đoán');
    for (let i = 0; i < 5; i++)
      expect((await c.say(`/start DOAN${i}XYZ12`))[0]).toContain('Mã mời không đúng');
    const locked = 'Đồng chí đã nhập sai mã mời quá nhiều lần. Hãy thử lại sau 5 phút.';
    expect(await c.say('/start DOAN5XYZ12')).toEqual([locked]);
    const code = world.invite('XA_TANKY', 'bi_thu');
    expect(await c.say(`/start ${code}`)).toEqual([locked]);
    expect((await (await person('Minh')).say(`/start ${code}`))[0]).toContain('Chào đồng chí Minh');
    expect(bot.output()).toMatch(/"level":40,[^\n]*"user":\d+,[^\n]*"msg":"invite code not redeemed"/);
  });

  it('joins with an invite, is greeted by name with the unit, and sees the commands of the role', async () => {
    const c = await person('Lan');
    const replies = await c.say(`/start ${world.invite('XA_THANHMAI', 'bi_thu')}`);
    // One message: the greeting, then the commands of the role.
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(
      /^Chào đồng chí Lan! Đồng chí đã được ghi nhận là bí thư \(người báo cáo\) của Đảng ủy xã Thanh Mai\.\n\n/,
    );
    expect(replies[0]).toContain('/baocao — Báo cáo hội nghị học tập, quán triệt');
    // The web page's sign-in code is in the list, though not in Telegram's menu.
    expect(replies[0]).toContain('/web — Mã đăng nhập để dùng bot trên trang web');
    const menu = api.callsOf('setMyCommands')[0]?.payload.commands as { command: string }[];
    expect(menu.map((m) => m.command)).toEqual([
      'start',
      'baocao',
      'danhsach',
      'lienket',
      'nhacnhom',
      'huy',
      'nhacviec',
      'tiendo',
      'xuat',
      'tongket',
      'trogiup',
    ]);
  });
});

describe('/baocao', () => {
  it('walks a whole report, saves it once, answers with the rate, and tells the linked group', async () => {
    const code = world.invite('XA_THANHMAI', 'bi_thu');
    const c = await person('Tuấn', code);
    const group = new Conversation(api, c.from, groupChat(-100_777, 'Chi ủy xã Thanh Mai'));
    expect((await group.say('/lienket'))[0]).toContain('đã được liên kết với Đảng ủy xã Thanh Mai');

    const summary = await fillReport(c);
    expect(summary.at(-1)).toContain('• Văn bản: 35-NQ/TW ngày 22/10/2018');
    expect(summary.at(-1)).toContain('• Lượt quần chúng: 1.250');
    const summaryMessage = c.last();
    const before = reportRows().length;
    const confirmData =
      api.buttons(summaryMessage).find((b) => b.text === '✅ Xác nhận')?.callback_data ?? '';
    // Two presses in one batch, as a double tap on a slow network delivers them.
    const ids = api.pushUpdates([
      callbackQuery(c.from, c.chat, summaryMessage, confirmData),
      callbackQuery(c.from, c.chat, summaryMessage, confirmData),
    ]);
    await api.waitForProcessed(ids[1] as number);
    const rows = reportRows();
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({
      present: 120,
      eligible: 126,
      non_member_attendances: 1250,
      form: 'truc_tiep',
    });
    const texts = c.all().map((m) => m.text ?? '');
    expect(texts.filter((t) => t.startsWith('✅ Đã lưu báo cáo số'))).toHaveLength(1);
    expect(texts.join('\n')).toContain('Tỷ lệ đảng viên tham dự: 95,2% (120/126)');
    expect(group.lastText()).toMatch(
      /^📋 Đảng ủy xã Thanh Mai đã báo cáo hội nghị ngày \d\d\/\d\d\/\d{4} .*95,2% \(120\/126\)/,
    );
  });

  it('answers a button by turning the answered question into the next one: one edit, no new message', async () => {
    const c = await person('Lan', world.invite('XA_THANHMAI', 'bi_thu'));
    await c.say('/baocao');
    const question = c.lastWithButtons();
    const messages = c.all().length;
    /** The Bot API calls a press costs (getUpdates is the poll): the edit, and the answer that ends the button's spinner. */
    const callsOf = async (label: string) => {
      const before = api.calls.length;
      const shown = await c.press(label);
      const made = api.calls.slice(before).filter((call) => call.method !== 'getUpdates');
      return { shown, made: made.map((call) => call.method) };
    };
    // The kind picker becomes the first question…
    expect(await callsOf('Hội nghị học tập, quán triệt')).toEqual({
      shown: [question.text],
      made: ['editMessageText', 'answerCallbackQuery'],
    });
    expect(question.text).toMatch(
      /^Đồng chí báo cáo việc gì\?\n➡️ Hội nghị học tập, quán triệt\n\n📅 Hội nghị/,
    );
    // …and the answered question the next one.
    expect(await callsOf('Hôm nay')).toEqual({
      shown: [question.text],
      made: ['editMessageText', 'answerCallbackQuery'],
    });
    expect(c.all()).toHaveLength(messages);
    expect(question.text).toMatch(
      /📅 Hội nghị được tổ chức ngày nào\?[\s\S]*\n➡️ Hôm nay\n\n[\s\S]*văn bản nào\?/,
    );
    // The next question's buttons, not the answered one's.
    expect(c.buttonLabels(question)).not.toContain('Hôm nay');
    expect(c.buttonLabels(question)).toContain('❌ Hủy');
    // A typed answer still gets its own message below it.
    expect(await c.say('35')).toEqual([expect.stringContaining('Hình thức tổ chức?')]);
    await c.say('/huy');
  });

  it('handles one person’s updates in order, even when the first one waits on Telegram', async () => {
    const c = await person('Nga', world.invite('XA_THANHMAI', 'bi_thu'));
    await fillReport(c, '99');
    const summary = c.last();
    const confirm = api.buttons(summary).find((b) => b.text === '✅ Xác nhận')?.callback_data ?? '';
    // Taking the buttons off the summary is slow today, and /danhsach arrives in the same batch right behind
    // the press: it must see the form saved and closed, not a form still open.
    api.delay('editMessageText', 500);
    try {
      const ids = api.pushUpdates([
        callbackQuery(c.from, c.chat, summary, confirm),
        textMessage(c.from, c.chat, '/danhsach'),
      ]);
      await api.waitForProcessed(ids[1] as number);
    } finally {
      api.delay('editMessageText', 0);
    }
    const texts = c.all().map((m) => m.text ?? '');
    const saved = texts.findIndex((t) => t.startsWith('✅ Đã lưu báo cáo số'));
    expect(saved).toBeGreaterThan(-1);
    expect(texts.slice(saved + 1).join('\n')).toContain('99/126');
    expect(texts.join('\n')).not.toContain('Đồng chí đang điền dở một báo cáo');
  });

  it('refuses bad answers with a reason, asks again, and saves nothing half-done', async () => {
    const c = await person('Bình', world.invite('XA_THANHMAI', 'bi_thu'));
    const before = reportRows().length;
    await c.say('/baocao');
    await c.press('Hội nghị học tập, quán triệt');
    expect((await c.say('31/02/2026'))[0]).toContain('Ngày 31/02/2026 không có thật.');
    expect((await c.say('1/1/1999'))[0]).toContain('chỉ nhận ngày từ năm 2000');
    expect((await c.say('31/12/2099'))[0]).toContain('tương lai');
    expect((await c.photo())[0]).toContain('Bot chỉ nhận chữ hoặc nút bấm');
    expect((await c.sticker())[0]).toContain('Bot chỉ nhận chữ hoặc nút bấm');
    const midForm = await c.say('/danhsach');
    expect(midForm[0]).toContain('Đồng chí đang điền dở một báo cáo');
    expect(midForm[1]).toContain('Hội nghị được tổ chức ngày nào?');
    await c.say('hôm nay');
    expect((await c.say('99'))[0]).toContain('Không tìm thấy văn bản "99"');
    await c.say('35, 57');
    await c.press('Trực tuyến');
    expect((await c.say('0'))[0]).toContain('Số phải từ 1 trở lên.');
    await c.say('2');
    for (const [input, reason] of [
      ['abc', '"abc" không phải là một số.'],
      ['-5', 'Số không được âm.'],
      ['12,5', 'Cần một số nguyên'],
      ['😀', 'không phải là một số'],
      ['9'.repeat(5000), 'Nội dung quá dài'],
    ] as const) {
      const reply = await c.say(input);
      expect(reply[0]).toContain(reason);
      expect(reply[0]).toContain('Số đảng viên phải học tập');
    }
    const tooMany = await c.say('250');
    expect(tooMany[0]).toContain(
      'Số đảng viên phải học tập (250) không thể lớn hơn số đảng viên không miễn sinh hoạt của đơn vị ' +
        '(126 = 130 − 4, số liệu ngày 01/07/2025).',
    );
    expect(tooMany[0]).toContain('👥 Số đảng viên phải học tập');
    await c.say('126');
    expect((await c.say('130'))[0]).toContain(
      'Số có mặt (130) không thể lớn hơn số đảng viên phải học tập (126).',
    );
    expect(reportRows().length).toBe(before);
    expect((await c.say('/huy'))[0]).toBe('Đã hủy. Không có gì được lưu.');
    expect(reportRows().length).toBe(before);
    // A button of the finished form does nothing but say so.
    await c.pressData(api.buttons(c.lastWithButtons()).at(-1)?.callback_data ?? 'f:x:b', c.lastWithButtons());
    expect(c.toasts().at(-1)).toBe('Nút này thuộc một biểu mẫu cũ hoặc đã kết thúc.');
  });

  it('goes back a step and corrects one field from the summary', async () => {
    const c = await person('Cúc', world.invite('XA_THANHMAI', 'bi_thu'));
    await c.say('/baocao');
    await c.press('Hội nghị học tập, quán triệt');
    await c.press('Hôm nay');
    await c.say('57');
    expect((await c.press('◀️ Quay lại'))[0]).toContain('văn bản nào?');
    await c.say('35');
    await c.press('Trực tiếp');
    await c.press('Dùng số hiện có: 126');
    await c.say('100');
    await c.say('0');
    await c.press('Có');
    await c.press('Có');
    await c.press('⏭ Bỏ qua');
    await c.press('✏️ Sửa một mục');
    await c.press('Đảng viên có mặt');
    const summary = await c.say('110');
    expect(summary[0]).toContain('• Đảng viên có mặt: 110');
    // A make-up session: Thanh Mai's sessions on 35-NQ/TW already reach its 126.
    expect((await c.press('✅ Xác nhận'))[0]).toContain(
      'Buổi học bù: 110 đảng viên có mặt.\nTỷ lệ đảng viên tham dự (cả học bù): 100,0% (126/126)',
    );
  });

  it('survives a restart in the middle of a form: the user goes on where they were', async () => {
    const c = await person('Dũng', world.invite('XA_THANHMAI', 'bi_thu'));
    await c.say('/baocao');
    await c.press('Hội nghị học tập, quán triệt');
    await c.press('Hôm nay');
    await c.say('35');
    expect(await bot.stop('SIGTERM')).toBe(0);
    bot = await start();
    const next = await c.press('Kết hợp trực tiếp và trực tuyến');
    expect(next[0]).toContain('Có bao nhiêu điểm cầu trực tuyến?');
    await c.say('3');
    await c.press('Dùng số hiện có: 126');
    await c.say('126');
    await c.say('0');
    await c.press('Không');
    await c.press('Có');
    await c.say('Hội nghị trực tuyến toàn tỉnh');
    expect((await c.press('✅ Xác nhận'))[0]).toContain('100,0% (126/126)');
    expect(reportRows().at(-1)).toMatchObject({ present: 126, form: 'ket_hop' });
  });

  it('in a group, answers with a button that opens the private chat', async () => {
    const c = await person('Hà', world.invite('XA_TANKY', 'bi_thu'));
    const group = new Conversation(api, c.from, groupChat(-100_888, 'Đảng ủy xã Tân Kỳ'));
    await group.say('/baocao');
    const link = api.buttons(group.last())[0];
    expect(link?.url).toBe('https://t.me/test_bot?start=baocao');
    expect((await c.say('/start baocao'))[0]).toBe('Đồng chí báo cáo việc gì?');
    expect((await c.press('Hội nghị học tập, quán triệt'))[0]).toContain('Hội nghị được tổ chức ngày nào?');
  });
});

describe('a make-up session (học bù)', () => {
  /** Tân Kỳ has no figures: the secretary types who must study (130). */
  const file = async (c: Conversation, documents: string, present: string, makeUp: boolean) => {
    await c.say('/baocao');
    await c.press('Hội nghị học tập, quán triệt');
    await c.press('Hôm nay');
    await c.say(documents);
    await c.press('Trực tiếp');
    await c.say('130');
    await c.say(present);
    await c.say('0');
    await c.press(makeUp ? 'Có' : 'Không');
    await c.press('Có');
    await c.press('⏭ Bỏ qua');
    return (await c.press('✅ Xác nhận'))[0] ?? '';
  };

  it('answers with the running total of the unit’s sessions on each document, as indicator 2 counts it', async () => {
    const c = await person('Long', world.invite('XA_TANKY', 'bi_thu'));
    expect(await file(c, '57', '100', false)).toContain('\nTỷ lệ đảng viên tham dự: 76,9% (100/130)');
    const id = () => reportRows('XA_TANKY').at(-1)?.id;
    expect(await file(c, '57', '20', true)).toBe(
      `✅ Đã lưu báo cáo số ${id()} của Đảng ủy xã Tân Kỳ.\nBuổi học bù: 20 đảng viên có mặt.\n` +
        'Tỷ lệ đảng viên tham dự (cả học bù): 92,3% (120/130)',
    );
    expect(await file(c, '35, 57', '6', true)).toBe(
      `✅ Đã lưu báo cáo số ${id()} của Đảng ủy xã Tân Kỳ.\nBuổi học bù: 6 đảng viên có mặt.\n` +
        'Tỷ lệ đảng viên tham dự (cả học bù):\n• 35-NQ/TW: 4,6% (6/130)\n• 57-NQ/TW: 96,9% (126/130)',
    );
  });
});

describe('/danhsach', () => {
  it('lists the unit’s reports; the author corrects and deletes their own, audited', async () => {
    const c = await person('Giang', world.invite('XA_THANHMAI', 'bi_thu'));
    await fillReport(c, '100');
    await c.press('✅ Xác nhận');
    const id = reportRows().at(-1)?.id as number;
    const list = await c.say('/danhsach');
    expect(list[0]).toContain(`• Số ${id} · `);
    expect(list[0]).toContain('79,4% (100/126)');
    expect(c.buttonLabels()).toContain(`✏️ Sửa số ${id}`);

    const other = await person('Khánh', world.invite('XA_THANHMAI', 'bi_thu'));
    await other.say('/danhsach');
    expect(other.buttonLabels()).not.toContain(`✏️ Sửa số ${id}`);
    await other.pressData(`r:dy:${id}`);
    expect(other.toasts().at(-1)).toContain('không còn sửa được');

    await c.press(`✏️ Sửa số ${id}`);
    await c.press('✏️ Sửa một mục');
    await c.press('Đảng viên có mặt');
    await c.say('110');
    expect((await c.press('✅ Xác nhận'))[0]).toBe(
      `✅ Đã cập nhật báo cáo số ${id} của Đảng ủy xã Thanh Mai.\nTỷ lệ đảng viên tham dự: 87,3% (110/126)`,
    );
    await c.say('/danhsach');
    await c.press(`🗑 Xóa số ${id}`);
    await c.press('🗑 Xóa');
    expect(c.lastText()).toBe(`Đã xóa báo cáo số ${id}.`);
    expect(reportRows().some((r) => r.id === id)).toBe(false);
    const audit = query<{ action: string }>(
      dbPath,
      "select action from audit_log where entity = 'conference_report' and entity_id = ? order by id",
      String(id),
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});
