import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite, redeemInvite } from '../../src/db/repositories/invites.js';
import { setSetting } from '../../src/db/repositories/settings.js';
import { startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { communeName, PROVINCE, seedProvince } from '../helpers/province.js';
import { privateChat, user } from '../helpers/updates.js';

/*
 * A province's leader with 126 late communes (docs/domain.md, "Deadlines and reminders"): the daily digest would
 * be tens of thousands of characters. It arrives as one message Telegram accepts, a summary with the worst units
 * first, and its buttons open every unit's items, page by page. The bot runs at a fixed instant of this test's.
 */

const DAY = '2026-03-10'; // a Tuesday: annual items of 2026 overdue since 31/01, action plans since 08/02
const api = new FakeBotApi();
const dbPath = tempDbPath();
const son = user(22, 'Sơn');
let leader: Conversation;
let apiRoot: string;

beforeAll(async () => {
  apiRoot = await api.start();
  const { db, provinceId } = seedProvince(dbPath, DAY);
  const joined = new Date(`${DAY}T00:00:00Z`);
  const code = createInvite(db, { unitId: provinceId, role: 'lanh_dao', createdBy: null, now: joined }).code;
  redeemInvite(db, code, { id: son.id, firstName: 'Sơn' }, joined);
  setSetting(db, 'bot_username', 'test_bot');
  db.$client.close();
  await startBot({ apiRoot, databasePath: dbPath, api, env: { CLOCK_START: `${DAY}T09:00:00+07:00` } });
  leader = new Conversation(api, son, privateChat(son));
});

afterAll(async () => {
  await stopAllBots();
  await api.stop();
});

describe('the digest to the leader of 126 late communes', () => {
  it('fits one message: counts per item, the worst units first, buttons to the detail', async () => {
    const r = await runCli(['remind', '--at', `${DAY}T08:00:00+07:00`], { apiRoot, databasePath: dbPath });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Đã gửi 1 tin nhắn.');
    const [digest] = leader.all();
    const text = digest?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(4096);
    // The province has no secretary: its own two programmes come to its leader, whole (docs/domain.md).
    expect(text).toMatch(/^🔔 Nhắc việc ngày 10\/03\/2026:\n\nTỉnh ủy Thử Nghiệm:\n⏰ Chương trình kiểm tra/);
    // Then the communes: 126 × (2 inspection programmes + personal plans + 3 action plans), summarised.
    expect(text).toContain('\n\n📣 Đơn vị trực thuộc chậm quá 7 ngày: 756 việc của 126 đơn vị.\n');
    expect(text).toContain('• Chương trình kiểm tra, giám sát năm 2026 của cấp ủy: 126 đơn vị');
    expect(text).toContain('• Chương trình kiểm tra, giám sát năm 2026 của UBKT: 126 đơn vị');
    expect(text).toContain('• Kế hoạch hành động cá nhân năm 2026 của bí thư, người đứng đầu: 126 đơn vị');
    expect(text).toContain(
      '• Chương trình, kế hoạch hành động thực hiện nghị quyết, chỉ thị: 126 đơn vị (378 việc)',
    );
    expect(text).toMatch(/\n1\. Đảng ủy xã Thử Nghiệm Số \d+ — 6 việc, quá hạn nhất 38 ngày\n/);
    expect(text).toMatch(/… và \d+ đơn vị khác: bấm nút bên dưới để xem từng trang\.$/);
    // A button for each of its own two items, then the way to the detail and the five worst units.
    const labels = leader.buttonLabels(digest);
    expect(labels.slice(0, 3)).toEqual([
      '📝 Chương trình kiểm tra, giám sát năm 2026 của cấp ủy',
      '📝 Chương trình kiểm tra, giám sát năm 2026 của UBKT',
      '📋 Xem từng đơn vị, từng việc',
    ]);
    expect(labels.slice(3)).toHaveLength(5);
    expect(labels.slice(3).every((l) => l.startsWith('🏢 Đảng ủy xã Thử Nghiệm Số '))).toBe(true);
  });

  it('opens one unit’s items from its button', async () => {
    const digest = leader.all()[0];
    const label = leader.buttonLabels(digest)[3] ?? '';
    const [detail = ''] = await leader.press(label, digest);
    const name = label.replace(/^🏢 /, '');
    expect(detail).toContain(`${name} (6):`);
    expect(detail.match(/\n⏰ /g)).toHaveLength(6);
  });

  it('pages through every unit and every item, each page within Telegram’s limit', async () => {
    const digest = leader.all()[0];
    let [page = ''] = await leader.press('📋 Xem từng đơn vị, từng việc', digest);
    const list = leader.last();
    const seen: string[] = [page];
    while (leader.buttonLabels(list).includes('Trang sau ▶️')) {
      [page = ''] = await leader.press('Trang sau ▶️', list);
      seen.push(page);
    }
    expect(seen.length).toBeGreaterThan(1);
    for (const p of seen) expect(p.length).toBeLessThanOrEqual(4096);
    expect(seen.at(-1)).toMatch(new RegExp(`Trang ${seen.length}/${seen.length}$`));
    const all = seen.join('\n');
    // The list is the leader's whole scope: the province's own two inspection programmes too.
    expect(all).toContain('Tỉnh ủy Thử Nghiệm (2):');
    for (let i = 0; i < PROVINCE.communes; i++) expect(all).toContain(`${communeName(i)} (6):`);
    expect(all.match(/\n⏰ /g)).toHaveLength(756 + 2);
    // Back one page: the same message, edited.
    await leader.press('◀️ Trang trước', list);
    expect(list.text).toContain(`Trang ${seen.length - 1}/${seen.length}`);
  });
});
