import { beforeAll, describe, expect, it } from 'vitest';
import { addDaysIso } from '../../src/domain/vn.js';
import type { Conversation } from '../helpers/conversation.js';
import { readDocx } from '../helpers/docx-text.js';
import { testToday, testYear } from '../helpers/instant.js';
import { committeeWithBot, fileOnlineConference } from '../helpers/scenarios.js';
import { communesIn } from '../helpers/world.js';

/*
 * /tongket through the real entrypoint: Thanh Mai's secretary files a conference, a survey and a
 * commendation through /baocao; the province's leader asks for the year's summary and receives it as
 * a message and as a Word document.
 */

const today = testToday;
const thisYear = testYear;

const { api, people } = committeeWithBot(8000);
const communes = communesIn(thisYear);
const online = communes === 3 ? '33,33%' : '50%';
/*
 * What is due depends on the day (docs/domain.md, "Rules that keep the figures fair"); nothing below is filed.
 * An item whose deadline is still ahead is "Chưa đến hạn"; one already past, a failure (0%).
 */
const row = (n: string, deadline: string) =>
  deadline <= today ? [n, '0%', 'Chưa đạt'] : [n, '—', 'Chưa đến hạn'];
const rows = [
  row('4', `${thisYear}-09-30`), // Thanh Mai's 5 reporters, trained by 30/09
  // The conference is today: its action plan falls due 30 days on, this year or (then not in it) the next.
  addDaysIso(today, 30).startsWith(String(thisYear))
    ? ['5', '—', 'Chưa đến hạn']
    : ['5', '—', 'Chưa có dữ liệu'],
  // Personal plans, by 31/01: in 2025 Thanh Mai (from 01/07/2025) owed none.
  thisYear === 2025 ? ['6', '—', 'Chưa có dữ liệu'] : row('6', `${thisYear}-01-31`),
  // Inspection programmes, by 31/01: in 2025 only Mai Lạp's count (it existed then).
  row('7', `${thisYear}-01-31`),
];

let leader: Conversation;
let secretary: Conversation;

beforeAll(async () => {
  ({ secretary, leader } = people);
  const open = async (kind: string) => {
    await secretary.say('/baocao');
    await secretary.press(kind);
  };
  // An online conference in Thanh Mai: 120 of 126 members and 30 others.
  await fileOnlineConference(secretary);
  await open('Khảo sát mức độ nắm bắt');
  await secretary.press('Hôm nay');
  await secretary.say('500');
  await secretary.say('410');
  await secretary.press('✅ Xác nhận');
  await open('Khen thưởng');
  await secretary.press('Hôm nay');
  await secretary.say('4');
  await secretary.say('7');
  await secretary.press('⏭ Bỏ qua');
  await secretary.press('✅ Xác nhận');
});

describe('/tongket', () => {
  it('sends a leader the summary in words, then the Word document', async () => {
    const before = api.callsOf('sendDocument').length;
    const replies = await leader.say('/tongket');
    const text = replies.join('\n');
    expect(replies[0]).toContain(`📄 Tổng kết thực hiện Đề án 07-ĐA/TU năm ${thisYear}`);
    expect(text).toContain(
      `Năm ${thisYear}, thực hiện Đề án 07-ĐA/TU, toàn tỉnh đã tổ chức 1 hội nghị học tập, quán triệt, ` +
        'tuyên truyền các nghị quyết, chỉ thị của Đảng cho 150 lượt người tham dự (trong đó 120 lượt đảng viên, ' +
        `30 lượt quần chúng); có 1/${communes} xã, phường, thị trấn có hệ thống loa truyền thanh để tuyên truyền; ` +
        'có 01 điểm cầu truyền hình trực tuyến cấp xã để phục vụ hội nghị trực tuyến.',
    );
    expect(text).toContain(`${online} xã, phường, thị trấn được tổ chức học tập`); // 1 commune online
    expect(text).toContain(`(1/${communes}; mục tiêu 100%: chưa đạt)`);
    expect(text).toContain('82% đoàn viên, hội viên và Nhân dân được khảo sát biết về nghị quyết');
    expect(text).toContain(`Năm ${thisYear}, toàn tỉnh đã khen thưởng 04 tập thể, 07 cá nhân`);

    const calls = api.callsOf('sendDocument');
    expect(calls.length).toBe(before + 1);
    const file = calls.at(-1)?.files[0];
    expect(file?.filename).toBe(`tong-ket-${thisYear}.docx`);
    const doc = await readDocx(file?.data ?? Buffer.alloc(0));
    const [y, m, d] = today.split('-');
    expect(doc.paragraphs).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(doc.paragraphs).toContain('ĐẢNG BỘ TỈNH THÁI NGUYÊN');
    expect(doc.paragraphs).toContain('TỈNH ỦY');
    expect(doc.paragraphs).toContain(`Thái Nguyên, ngày ${d} tháng ${Number(m)} năm ${y}`);
    const signed = doc.paragraphs.indexOf('T/M BAN THƯỜNG VỤ');
    expect(doc.paragraphs[signed + 1]).toBe('BÍ THƯ');
    expect(doc.paragraphs).toContain('- Lưu Văn phòng Tỉnh ủy.');
    expect(doc.paragraphs).toContain(`Tổng kết thực hiện Đề án 07-ĐA/TU năm ${thisYear}`);
    const table = doc.tables.find((t) => t[0]?.[0] === 'TT') ?? [];
    expect(table.slice(1).map((r) => [r[0], r[3], r[5]])).toEqual([
      ['1', online, 'Chưa đạt'],
      ['2', '95,24%', 'Đạt'],
      ['3', '82%', 'Đạt'],
      ...rows,
    ]);
  });

  it('says "chưa có dữ liệu" where a unit below has nothing to count', async () => {
    const replies = await leader.say(`/tongket xa_tanky ${thisYear}`);
    expect(replies.join('\n')).toContain(
      'toàn Đảng bộ xã Tân Kỳ chưa báo cáo hội nghị học tập, quán triệt, tuyên truyền nào',
    );
    expect(replies.join('\n')).toContain(
      'cán bộ, đảng viên (không kể đảng viên miễn sinh hoạt) tham gia học tập nghị quyết, chỉ thị của Đảng: ' +
        'chưa có dữ liệu (mục tiêu 90%)',
    );
    const doc = await readDocx(api.callsOf('sendDocument').at(-1)?.files[0]?.data ?? Buffer.alloc(0));
    const table = doc.tables.find((t) => t[0]?.[0] === 'TT') ?? [];
    expect(table[2]).toEqual(['2', 'Đảng viên học tập', '—', '—', '90%', 'Chưa có dữ liệu']);
    expect(doc.paragraphs).toContain('ĐẢNG ỦY XÃ TÂN KỲ');
  });

  it('gives a secretary their own unit for a span of years, and refuses another unit', async () => {
    const replies = await secretary.say(`/tongket ${thisYear - 1}-${thisYear}`);
    expect(replies[0]).toContain(`giai đoạn ${thisYear - 1}–${thisYear}`);
    expect(replies.join('\n')).toContain('Sau 2 năm thực hiện Đề án 07-ĐA/TU');
    expect(replies.join('\n')).toContain('toàn Đảng bộ xã Thanh Mai đã tổ chức 1 hội nghị');
    const doc = await readDocx(api.callsOf('sendDocument').at(-1)?.files[0]?.data ?? Buffer.alloc(0));
    expect(doc.paragraphs).toContain('ĐẢNG ỦY XÃ THANH MAI');
    expect(doc.paragraphs.some((p) => p.startsWith('Thanh Mai, ngày '))).toBe(true);
    expect(doc.paragraphs).toContain('T/M ĐẢNG ỦY');
    expect(doc.paragraphs).toContain('- Lưu Văn phòng Đảng ủy.');
    expect((await secretary.say('/tongket XA_TANKY'))[0]).toContain(
      'Không có đơn vị "XA_TANKY" trong phạm vi',
    );
    const [bad = ''] = await secretary.say('/tongket 1999');
    expect(bad).toContain('Năm 1999 ngoài khoảng');
    expect(bad).toContain('Cách dùng: /tongket');
  });

  it('is listed in /trogiup', async () => {
    expect((await leader.say('/trogiup'))[0]).toContain('/tongket — Báo cáo tổng kết');
  });
});
