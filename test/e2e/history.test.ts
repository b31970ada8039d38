import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { Conversation } from '../helpers/conversation.js';
import { readDocx } from '../helpers/docx-text.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { privateChat, user } from '../helpers/updates.js';
import { query } from '../helpers/world.js';

/*
 * The history of Chợ Mới (data-samples/bao-cao/, docs/domain.md "The Chợ Mới sample") as a new office gets it:
 * `cli demo` imports it, the bot starts, and the leader of the province the district's province merged into reads
 * the seed article back with /tongket, /tiendo and /xuat. The secretary of a new commune files a late report for
 * one of the old communes it took over.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
let leader: Conversation;
let secretary: Conversation;
let admin: Conversation;

/** The seven results as the article states them, rounded as it rounds them. */
const ARTICLE = ['100%', '90%', '80%', '100%', '100%', '90%', '100%'];

beforeAll(async () => {
  const apiRoot = await api.start();
  const demo = await runCli(['demo'], { apiRoot, databasePath: dbPath });
  expect(demo.code, demo.stderr).toBe(0);
  const codes = [...demo.stdout.matchAll(/start=([A-Z0-9]{10})/g)].map((m) => m[1]);
  const invite = await runCli(['invite', 'XA_TANKY_2025', 'quan_tri'], { apiRoot, databasePath: dbPath });
  const adminCode = /start=([A-Z0-9]{10})/.exec(invite.stdout)?.[1];
  await startBot({ apiRoot, databasePath: dbPath, api });
  const join = async (id: number, name: string, code: string | undefined) => {
    const u = user(id, name);
    const c = new Conversation(api, u, privateChat(u));
    await c.say(`/start ${code}`);
    return c;
  };
  // demo's invites: the secretary of Tân Kỳ (2025), then the leader of Thái Nguyên (2025).
  secretary = await join(9101, 'Hà', codes[0]);
  leader = await join(9102, 'Dũng', codes[1]);
  admin = await join(9103, 'Minh', adminCode);
}, 60_000);

afterAll(async () => {
  await stopAllBots();
  await api.stop();
});

describe('the Chợ Mới history, imported by demo', () => {
  it('/tongket 2017-2022 states the article’s figures, in words and in the Word report', async () => {
    const replies = await leader.say('/tongket 2017-2022 HU_CHOMOI');
    const text = replies.join('\n');
    expect(text).toContain(
      'Sau 5 năm thực hiện Đề án 07-ĐA/TU (giai đoạn 2017–2022), toàn huyện đã tổ chức 486 hội nghị học tập, ' +
        'quán triệt, tuyên truyền các nghị quyết, chỉ thị của Đảng cho hơn 39.000 lượt người tham dự',
    );
    expect(text).toContain('có 14/14 xã, phường, thị trấn có hệ thống loa truyền thanh');
    expect(text).toContain(
      'có 02 điểm cầu truyền hình trực tuyến cấp huyện, 14 điểm cầu truyền hình trực tuyến cấp xã',
    );
    for (const clause of [
      '100% xã, phường, thị trấn được tổ chức học tập, quán triệt nghị quyết, chỉ thị của Đảng bằng hình thức trực tuyến',
      '90% cán bộ, đảng viên (không kể đảng viên miễn sinh hoạt) tham gia học tập',
      '80% đoàn viên, hội viên và Nhân dân',
      '100% báo cáo viên được cung cấp thông tin và tập huấn',
      '100% tổ chức cơ sở đảng xây dựng chương trình, kế hoạch hành động',
      '90% bí thư cấp ủy, đảng viên là người đứng đầu',
      '100% cấp ủy, ủy ban kiểm tra xây dựng chương trình, kế hoạch kiểm tra, giám sát',
    ])
      expect(text).toContain(clause);
    expect(text).toContain('toàn huyện đã khen thưởng 04 tập thể, 07 cá nhân tiêu biểu, điển hình');

    const doc = await readDocx(api.callsOf('sendDocument').at(-1)?.files[0]?.data ?? Buffer.alloc(0));
    expect(doc.paragraphs).toContain('HUYỆN ỦY CHỢ MỚI');
    const table = doc.tables.find((t) => t[0]?.[0] === 'TT') ?? [];
    expect(table.slice(1).map((r) => [r[3], r[5]])).toEqual(ARTICLE.map((p) => [p, 'Đạt']));
  });

  it('/tiendo for the same unit and years agrees', async () => {
    const [progress = ''] = await leader.say('/tiendo 2017-2022 HU_CHOMOI');
    expect(progress).toContain('Huyện ủy Chợ Mới');
    for (const figure of [
      '14/14',
      '38.394/42.660',
      '3.432/4.290',
      '561/561',
      '168/168',
      '2.214/2.460',
      '180/180',
    ])
      expect(progress).toContain(figure);
  });

  it('/xuat for the same unit and years has the same totals', async () => {
    await leader.say('/xuat 2017-2022 HU_CHOMOI');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(api.callsOf('sendDocument').at(-1)?.files[0]?.data as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Chỉ tiêu') as ExcelJS.Worksheet;
    const rows = Array.from({ length: sheet.actualRowCount }, (_, i) => sheet.getRow(i + 1));
    const total = rows.find((r) => r.getCell(2).value === 'Tổng cộng') as ExcelJS.Row;
    // Five columns an indicator from the third: done, of, rate, not yet due, verdict.
    const rates = ARTICLE.map((_, k) => total.getCell(5 + 5 * k).value as number);
    expect(rates.map((r) => Math.round(r * 100))).toEqual([100, 90, 80, 100, 100, 90, 100]);
    expect([total.getCell(8).value, total.getCell(9).value]).toEqual([38_394, 42_660]);
    expect(wb.getWorksheet('Hội nghị')?.actualRowCount).toBe(487);
  });

  it('lets the secretary of a new commune file a late report for an old commune it took over', async () => {
    const picker = await secretary.say('/baocao');
    expect(picker.at(-1)).toBe('Đồng chí báo cáo việc gì?');
    await secretary.press('🗂 Đơn vị cũ (trước sáp nhập)');
    const unitQuestion = await secretary.press('Hội nghị học tập, quán triệt');
    expect(unitQuestion.join('\n')).toContain('Báo cáo cho đơn vị nào?');
    expect(secretary.buttonLabels(secretary.lastWithButtons())).toEqual(
      expect.arrayContaining([
        'Đảng ủy xã Tân Sơn — đơn vị cũ (đến 30/06/2025)',
        'Đảng ủy xã Cao Kỳ — đơn vị cũ (đến 30/06/2025)',
        'Đảng ủy xã Hòa Mục — đơn vị cũ (đến 30/06/2025)',
      ]),
    );
    await secretary.press('Đảng ủy xã Tân Sơn — đơn vị cũ (đến 30/06/2025)');
    const refused = await secretary.press('Hôm nay');
    expect(refused.join('\n')).toContain('nằm ngoài thời gian hoạt động của Đảng ủy xã Tân Sơn');
    await secretary.say('12/05/2025');
    await secretary.say('35');
    await secretary.press('Trực tiếp');
    await secretary.press('Dùng số hiện có: 302');
    await secretary.say('250');
    await secretary.say('10');
    await secretary.press('Không');
    await secretary.press('Có');
    await secretary.press('⏭ Bỏ qua');
    await secretary.press('✅ Xác nhận');
    const saved = query<{ code: string; present: number }>(
      dbPath,
      `SELECT u.code, r.present FROM conference_reports r JOIN units u ON u.id = r.unit_id
       WHERE r.held_on = '2025-05-12'`,
    );
    expect(saved).toEqual([{ code: 'XA_TANSON', present: 250 }]);
  });
});

describe('/nhap: past reports sent in the chat by an administrator', () => {
  const surveys = (day: string) =>
    query<{ code: string; surveyed: number }>(
      dbPath,
      `SELECT u.code, s.surveyed FROM awareness_surveys s JOIN units u ON u.id = s.unit_id WHERE s.held_on = ?`,
      day,
    );

  it('sends the template, and refuses a leader who administers nothing', async () => {
    const [howTo = ''] = await admin.say('/nhap');
    expect(howTo).toContain('Gửi vào đây tệp báo cáo cũ');
    expect(api.callsOf('sendDocument').at(-1)?.files[0]?.filename).toBe('mau-bao-cao-cu.xlsx');
    expect((await leader.say('/nhap'))[0]).toContain('Chỉ quản trị mới nhập được báo cáo cũ');
    expect((await leader.sendFile(Buffer.from('ma,ngay\n'), 'khao_sat.csv'))[0]).toContain('Chỉ quản trị');
  });

  it('names the bad rows of a file, units outside the administrator’s scope included, and saves nothing', async () => {
    const csv = [
      'ma,ngay,so_khao_sat,so_nam_duoc',
      'XA_TANSON,15/03/2025,200,150',
      'XA_DONGTAM,15/03/2025,200,150',
      'XA_CAOKY,15/03/2025,200,250',
    ].join('\n');
    const [reply = ''] = await admin.sendFile(Buffer.from(csv), 'khao_sat_2025.csv');
    expect(reply).toContain('❌ Tệp khao_sat_2025.csv có 2 lỗi, chưa lưu gì.');
    expect(reply).toContain('Dòng 3, cột "ma": đơn vị XA_DONGTAM không thuộc phạm vi đồng chí quản trị.');
    expect(reply).toContain('Dòng 4, cột "so_nam_duoc": Số người nắm được (250) không thể lớn hơn');
    expect(surveys('2025-03-15')).toEqual([]);
  });

  it('says what a good file would save, and saves it on "Nhập" only', async () => {
    const csv = [
      'ma,ngay,so_khao_sat,so_nam_duoc',
      'XA_TANSON,15/03/2025,200,150',
      'XA_CAOKY,15/03/2025,180,120',
    ];
    const [checked = ''] = await admin.sendFile(Buffer.from(csv.join('\n')), 'khao_sat_2025.csv');
    expect(checked).toContain('✅ Tệp khao_sat_2025.csv hợp lệ. Nếu nhập sẽ lưu:');
    expect(checked).toContain('• 2 cuộc khảo sát: thêm mới 2, cập nhật 0, không đổi 0');
    expect(surveys('2025-03-15')).toEqual([]);
    const question = admin.lastWithButtons();
    const [done = ''] = await admin.press('📥 Nhập');
    expect(done).toContain('📥 Đã nhập khao_sat_2025.csv:');
    expect(surveys('2025-03-15')).toEqual([
      { code: 'XA_TANSON', surveyed: 200 },
      { code: 'XA_CAOKY', surveyed: 180 },
    ]);
    expect(admin.buttonLabels(question)).toEqual([]);
    const audit = query<{ file: string }>(
      dbPath,
      "SELECT entity_id AS file FROM audit_log WHERE entity = 'report_import' AND actor_id = 9103",
    );
    expect(audit).toEqual([{ file: 'khao_sat_2025.csv' }]);
  });
});
