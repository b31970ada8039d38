import { beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../helpers/conversation.js';
import { testToday, testYear } from '../helpers/instant.js';
import { committeeWithBot, fileOnlineConference } from '../helpers/scenarios.js';
import { communesIn } from '../helpers/world.js';

/*
 * /tiendo through the real entrypoint: a secretary files a conference report, then a leader of the
 * province and the secretary ask where they stand. The province has two communes (Thanh Mai, Tân Kỳ).
 */

// The bot's year is Vietnam's, which differs from UTC's for seven hours each New Year.
const thisYear = testYear;
const communes = communesIn(thisYear);
// Indicator 1: one commune studied online. 7: Thanh Mai filed both programmes; the others count where their
// deadline (31/01) came while they existed: in 2025 Mai Lạp (closed 30/06/2025) does, the province and Tân Kỳ
// (from 01/07/2025) do not; later years, the province and both communes — once 31/01 has passed: before it,
// theirs are "chưa đến hạn" and Thanh Mai's, filed early, count.
const online = communes === 3 ? '33,33% ▰▰▰▱▱▱▱▱▱▱ 1/3' : '50% ▰▰▰▰▰▱▱▱▱▱ 1/2';
const programmes =
  communes === 3
    ? '⚠️ 7. Cấp ủy, UBKT có chương trình KT, GS: 50% ▰▰▰▰▰▱▱▱▱▱ 2/4'
    : testToday < `${thisYear}-01-31`
      ? '✅ 7. Cấp ủy, UBKT có chương trình KT, GS: 100% ▰▰▰▰▰▰▰▰▰▰ 2/2 · 4 chưa đến hạn'
      : '⚠️ 7. Cấp ủy, UBKT có chương trình KT, GS: 33,33% ▰▰▰▱▱▱▱▱▱▱ 2/6';

const { api, world, people } = committeeWithBot(7000);

let leader: Conversation;
let secretary: Conversation;

beforeAll(async () => {
  ({ secretary, leader } = people);
  // An online conference in Thanh Mai: 120 of 126 members.
  await fileOnlineConference(secretary);
  await fileOtherKinds(secretary);
});

/** The other report kinds the indicators need, filed through /baocao like a secretary would. */
async function fileOtherKinds(c: Conversation) {
  const open = async (kind: string) => {
    await c.say('/baocao');
    await c.press(kind);
  };
  const confirm = () => c.press('✅ Xác nhận');
  await open('Khảo sát mức độ nắm bắt');
  await c.press('Hôm nay');
  await c.say('500');
  await c.say('410');
  await confirm();
  await open('Kế hoạch hành động cá nhân');
  await c.press(/^Năm nay/);
  await c.say('18');
  await confirm();
  await open('Tập huấn báo cáo viên');
  await c.press(/^Năm nay/);
  await c.press('Hôm nay');
  await c.press('Tất cả: 5');
  await confirm();
  for (const body of ['Cấp ủy', 'Ủy ban kiểm tra (UBKT)']) {
    await open('Chương trình kiểm tra, giám sát');
    await c.press(/^Năm nay/);
    await c.press(body);
    await c.press('Hôm nay');
    await confirm();
  }
}

describe('/tiendo', () => {
  it('shows a leader the whole province: one line per indicator, then the counters', async () => {
    const [text = ''] = await leader.say('/tiendo');
    expect(text).toContain('📊 Tiến độ Đề án 07-ĐA/TU');
    expect(text).toContain(`Tỉnh ủy Thái Nguyên · năm ${thisYear}`);
    expect(text).toContain(`⚠️ 1. Học tập trực tuyến đến xã: ${online} · mục tiêu 100%`);
    expect(text).toContain('✅ 2. Đảng viên học tập: 95,24% ▰▰▰▰▰▰▰▰▰▰ 120/126 · mục tiêu 90%');
    expect(text).toContain('✅ 3. Nhân dân biết nghị quyết: 82% ▰▰▰▰▰▰▰▰▱▱ 410/500 · mục tiêu 80%');
    expect(text).toContain('✅ 4. Báo cáo viên được tập huấn: 100% ▰▰▰▰▰▰▰▰▰▰ 5/5 · mục tiêu 100%');
    expect(text).toContain('✅ 6. Bí thư, người đứng đầu có KH cá nhân: 90% ▰▰▰▰▰▰▰▰▰▱ 18/20 · mục tiêu 90%');
    // Committees: the province and its communes, cấp ủy and UBKT each; Thanh Mai filed both.
    expect(text).toContain(`${programmes} · mục tiêu 100%`);
    expect(text).toContain('📌 Hội nghị học tập, quán triệt: 1');
    expect(text).toContain('👥 Lượt người tham dự: 150 (120 lượt đảng viên, 30 lượt quần chúng)');
    expect(leader.buttonLabels()).toEqual([
      '📅 Năm nay',
      '📅 Năm trước',
      '📆 Cả kỳ đề án',
      '🏢 Theo đơn vị',
      '📈 Biểu đồ',
    ]);
  });

  it('shows a secretary only their own unit, and refuses another unit', async () => {
    const [text = ''] = await secretary.say('/tiendo');
    expect(text).toContain(`Đảng ủy xã Thanh Mai · năm ${thisYear}`);
    expect(text).toContain('✅ 1. Học tập trực tuyến đến xã: 100% ▰▰▰▰▰▰▰▰▰▰ 1/1');
    expect(text).toContain('✅ 7. Cấp ủy, UBKT có chương trình KT, GS: 100% ▰▰▰▰▰▰▰▰▰▰ 2/2 · mục tiêu 100%');
    expect((await secretary.say('/tiendo XA_TANKY'))[0]).toContain(
      'Không có đơn vị "XA_TANKY" trong phạm vi',
    );
    expect((await secretary.say('/tiendo tu_tn'))[0]).toContain('Không có đơn vị "TU_TN" trong phạm vi');
  });

  it('lets a leader pick a unit below and a year; refuses a bad year with the usage', async () => {
    const [text = ''] = await leader.say(`/tiendo xa_tanky ${thisYear}`);
    expect(text).toContain(`Đảng ủy xã Tân Kỳ · năm ${thisYear}`);
    expect(text).toContain('⚠️ 1. Học tập trực tuyến đến xã: 0% ▱▱▱▱▱▱▱▱▱▱ 0/1');
    const [bad = ''] = await leader.say('/tiendo 1999');
    expect(bad).toContain('Năm 1999 ngoài khoảng');
    expect(bad).toContain('Cách dùng: /tiendo');
  });

  it('lists the units below, worst first, and switches period with a button', async () => {
    await leader.say('/tiendo');
    const [byUnit = ''] = await leader.press('🏢 Theo đơn vị');
    const lines = byUnit.split('\n');
    const tanKy = lines.findIndex((l) => l.includes('Đảng ủy xã Tân Kỳ'));
    const thanhMai = lines.findIndex((l) => l.includes('Đảng ủy xã Thanh Mai'));
    expect(tanKy).toBeGreaterThan(0);
    expect(tanKy).toBeLessThan(thanhMai);
    expect(lines[tanKy]).toContain('Học tập trực tuyến đến xã 0%');
    // The province's own committees have their row too, as in /xuat: the rows add up to the total.
    if (programmes.includes('2/6')) expect(byUnit).toContain('Tỉnh ủy Thái Nguyên (riêng cấp này)');
    const [lastYear = ''] = await leader.press('📅 Năm trước');
    expect(lastYear).toContain(`năm ${thisYear - 1}`);
  });

  it('sends the chart as a picture', async () => {
    await leader.say('/tiendo');
    const before = api.callsOf('sendPhoto').length;
    await leader.press('📈 Biểu đồ');
    const photo = api.callsOf('sendPhoto').at(-1);
    expect(api.callsOf('sendPhoto').length).toBe(before + 1);
    expect(photo?.files[0]?.data.subarray(1, 4).toString()).toBe('PNG');
    expect(String(photo?.payload.caption)).toContain('Tỉnh ủy Thái Nguyên');
  });

  it('refuses a forged button for a unit outside the user’s scope', async () => {
    const province = world.unitId('TU_TN');
    await secretary.pressData(`t:v:${province}:${thisYear}:${thisYear}`);
    expect(secretary.toasts().at(-1)).toBe('Đồng chí không được xem tiến độ của đơn vị này.');
    expect(secretary.lastText()).not.toContain('Tỉnh ủy Thái Nguyên');
  });

  it.each([
    ['0000', '9999', 'Năm 0 ngoài khoảng'],
    [String(thisYear), '9999', 'Năm 9999 ngoài khoảng'],
    [String(thisYear), String(thisYear - 1), 'bị ngược'],
  ])('refuses a forged button for the years %s–%s, as the typed command would', async (from, to, why) => {
    const province = world.unitId('TU_TN');
    const [typed = ''] = await leader.say(`/tiendo ${from}-${to}`);
    expect(typed).toContain(why);
    const sent = leader.all().length;
    await leader.pressData(`t:v:${province}:${from}:${to}`);
    expect(leader.toasts().at(-1)).toBe(typed.split('\n')[0]);
    expect(leader.all().length).toBe(sent);
  });
});
