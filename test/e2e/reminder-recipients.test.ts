import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redeemInvite } from '../../src/db/repositories/invites.js';
import { markBlocked, upsertUser } from '../../src/db/repositories/members.js';
import { setGroupReminders } from '../../src/db/repositories/reminders.js';
import { setSetting } from '../../src/db/repositories/settings.js';
import { groupLinks } from '../../src/db/schema.js';
import { tempDbPath } from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { seedWorld } from '../helpers/world.js';

/*
 * Who is told of a unit's own items (docs/domain.md, "Deadlines and reminders"), through the real CLI
 * (`remind --at`) against the fake Bot API. On 26/01/2026 the 2026 inspection programmes (and Thanh Mai's
 * personal plans) are 5 days from due. Tân Kỳ has a leader, Hà, and no secretary; Thanh Mai's only
 * secretary, Lan, blocked the bot, and Minh leads it; the province has only its leader, Sơn.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const joined = new Date('2025-12-01T01:00:00Z');
const world = seedWorld(dbPath, joined);
const [LAN, SON, HA, MINH] = [11, 22, 33, 44];
const TANKY_GROUP = -100_601;
const THANHMAI_GROUP = -100_602;
let apiRoot: string;

const remind = (at: string, ...more: string[]) =>
  runCli(['remind', '--at', at, ...more], { apiRoot, databasePath: dbPath });
const textsTo = (id: number) =>
  api
    .callsOf('sendMessage')
    .filter((c) => c.payload.chat_id === id && c.status === 'ok')
    .map((c) => String(c.payload.text));

function linkGroup(chatId: number, unitCode: string, title: string | null) {
  world.db
    .insert(groupLinks)
    .values({ chatId, unitId: world.unitId(unitCode), title, linkedBy: HA })
    .run();
  setGroupReminders(world.db, chatId, true);
}

beforeAll(async () => {
  apiRoot = await api.start();
  const join = (
    unit: string,
    role: 'bi_thu' | 'lanh_dao',
    id: number,
    firstName: string,
    username?: string,
  ) => redeemInvite(world.db, world.invite(unit, role), { id, firstName, username }, joined);
  join('XA_TANKY', 'lanh_dao', HA, 'Hà', 'ha_tk');
  join('XA_THANHMAI', 'bi_thu', LAN, 'Lan');
  join('XA_THANHMAI', 'lanh_dao', MINH, 'Minh');
  join('TU_TN', 'lanh_dao', SON, 'Sơn');
  markBlocked(world.db, LAN, joined);
  linkGroup(TANKY_GROUP, 'XA_TANKY', null);
  linkGroup(THANHMAI_GROUP, 'XA_THANHMAI', 'Chi ủy Thanh Mai');
  setSetting(world.db, 'bot_username', 'test_bot');
});

afterAll(async () => {
  world.close();
  await api.stop();
});

describe('a unit with leaders and no secretary who can be told', () => {
  it('has its own items go to its own leaders, named in the dry run by name, role and unit', async () => {
    const r = await remind('2026-01-26T08:00:00+07:00', '--dry-run');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        '— Gửi tới Hà @ha_tk (lãnh đạo, Đảng ủy xã Tân Kỳ) (2 việc):',
        '🔔 Nhắc việc ngày 26/01/2026:',
        '',
        'Đảng ủy xã Tân Kỳ:',
        '⏳ Chương trình kiểm tra, giám sát năm 2026 của cấp ủy — hạn 31/01/2026, còn 5 ngày',
      ].join('\n'),
    );
    expect(r.stdout).toContain('— Gửi tới Minh (lãnh đạo, Đảng ủy xã Thanh Mai) (3 việc):');
    expect(r.stdout).toContain('— Gửi tới Sơn (lãnh đạo, Tỉnh ủy Thái Nguyên) (2 việc):');
    expect(r.stdout).toContain('— Gửi tới nhóm của Đảng ủy xã Tân Kỳ (2 việc):');
    expect(r.stdout).toContain('— Gửi tới nhóm “Chi ủy Thanh Mai” của Đảng ủy xã Thanh Mai (3 việc):');
    expect(r.stdout).not.toContain('Gửi tới Lan');
    expect(r.stdout).toContain('Xem trước: 5 tin nhắn sẽ được gửi; chưa gửi gì.');
  });

  it('sends them, and goes back to the secretary once she talks to the bot again', async () => {
    expect((await remind('2026-01-26T08:00:00+07:00')).stdout).toContain('Đã gửi 5 tin nhắn.');
    expect(textsTo(HA)[0]).toMatch(/^🔔 Nhắc việc ngày 26\/01\/2026:\n\nĐảng ủy xã Tân Kỳ:\n⏳ /);
    expect(textsTo(MINH)[0]).toContain('Đảng ủy xã Thanh Mai:');
    expect(textsTo(LAN)).toEqual([]);
    upsertUser(world.db, { id: LAN, firstName: 'Lan' });
    const r = await remind('2026-01-30T08:00:00+07:00');
    expect(r.stdout).toContain('— Gửi tới Lan (bí thư, Đảng ủy xã Thanh Mai) (3 việc):');
    expect(textsTo(LAN)).toHaveLength(1);
    expect(textsTo(MINH)).toHaveLength(1);
    expect(textsTo(HA)[1]).toContain('còn 1 ngày');
  });
});
