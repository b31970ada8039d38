import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { createUnit } from '../../src/db/repositories/unit-admin.js';
import { startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { testClock } from '../helpers/instant.js';
import { privateChat, user } from '../helpers/updates.js';
import { seedWorld } from '../helpers/world.js';

/*
 * Every role × command × target, through the real bot: the user belongs to Thanh Mai (own); its chi bộ
 * (child), the province above it (parent) and Tân Kỳ beside it (another unit). A secretary never sees or
 * changes another unit's data, a leader sees exactly their subtree, only administrators administer, and
 * someone without a role learns nothing but how to get an invite.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const world = seedWorld(dbPath);
createUnit(
  world.db,
  {
    code: 'CB_THANHMAI_1',
    name: 'Chi bộ thôn 1',
    kind: 'chi_bo',
    parentId: world.unitId('XA_THANHMAI'),
    validFrom: '2025-07-01',
  },
  CLI_ACTOR,
  testClock(),
);

type Role = 'bi_thu' | 'lanh_dao' | 'quan_tri' | 'none';
const ROLES: Role[] = ['bi_thu', 'lanh_dao', 'quan_tri', 'none'];
const TARGETS = { own: 'XA_THANHMAI', child: 'CB_THANHMAI_1', parent: 'TU_TN', other: 'XA_TANKY' } as const;
type Target = keyof typeof TARGETS;

const people = new Map<Role, Conversation>();
let next = 8000;

beforeAll(async () => {
  await startBot({ apiRoot: await api.start(), databasePath: dbPath, api });
  for (const role of ROLES) {
    const u = user(++next, `Người ${role}`);
    const c = new Conversation(api, u, privateChat(u));
    if (role !== 'none') await c.say(`/start ${world.invite('XA_THANHMAI', role)}`);
    people.set(role, c);
  }
});

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

const who = (r: Role) => people.get(r) as Conversation;
const NO_ROLE = 'chưa được giao vai trò nào';

/** ✅ = sees the unit; otherwise the words of the refusal. */
const TIENDO: Record<Role, Record<Target, string>> = {
  bi_thu: { own: '✅', child: '✅', parent: 'trong phạm vi', other: 'trong phạm vi' },
  lanh_dao: { own: '✅', child: '✅', parent: 'trong phạm vi', other: 'trong phạm vi' },
  quan_tri: { own: '✅', child: '✅', parent: 'trong phạm vi', other: 'trong phạm vi' },
  none: { own: NO_ROLE, child: NO_ROLE, parent: NO_ROLE, other: NO_ROLE },
};

const NOT_ADMIN = 'không quản trị đơn vị này';
const DONVI: Record<Role, Record<Target, string>> = {
  bi_thu: { own: NOT_ADMIN, child: NOT_ADMIN, parent: NOT_ADMIN, other: NOT_ADMIN },
  lanh_dao: { own: '✅', child: '✅', parent: NOT_ADMIN, other: NOT_ADMIN },
  quan_tri: { own: '✅', child: '✅', parent: NOT_ADMIN, other: NOT_ADMIN },
  none: { own: NOT_ADMIN, child: NOT_ADMIN, parent: NOT_ADMIN, other: NOT_ADMIN },
};

const cases = (table: Record<Role, Record<Target, string>>) =>
  ROLES.flatMap((role) =>
    (Object.keys(TARGETS) as Target[]).map((target) => [role, target, table[role][target]] as const),
  );

describe('who may see what', () => {
  it.each(cases(TIENDO))('/tiendo: %s asking about %s → %s', async (role, target, expected) => {
    const [reply = ''] = await who(role).say(`/tiendo ${TARGETS[target]}`);
    if (expected === '✅') expect(reply).toContain('📊 Tiến độ');
    else {
      expect(reply).toContain(expected);
      expect(reply).not.toContain('📊 Tiến độ');
    }
  });

  it.each(cases(DONVI))('/donvi: %s administering %s → %s', async (role, target, expected) => {
    const [reply = ''] = await who(role).say(`/donvi ${TARGETS[target]}`);
    if (expected === '✅') expect(reply).toContain(`(${TARGETS[target]})`);
    else {
      expect(reply).toMatch(new RegExp(`${expected}|chỉ dành cho quản trị`));
      expect(reply).not.toContain('🏛');
    }
  });

  it.each(
    ROLES.flatMap((role) => (Object.keys(TARGETS) as Target[]).map((target) => [role, target] as const)),
  )('a forged button opening a report form: %s for %s', async (role, target) => {
    const c = who(role);
    const before = c.all().length;
    const pressed = c.last();
    await c.pressData(`k:khao_sat:${world.unitId(TARGETS[target])}`, pressed);
    // The form opens in the pressed message (or, when that cannot be, in a new one).
    const opened = [pressed, ...c.all().slice(before)].some((m) =>
      (m.text ?? '').includes('Cuộc khảo sát kết thúc ngày nào?'),
    );
    // Only a secretary or a leader of the unit itself files its reports.
    expect(opened).toBe(target === 'own' && (role === 'bi_thu' || role === 'lanh_dao'));
    if (opened) await c.say('/huy');
  });

  it.each(ROLES)('/dean and /hanchot: only an administrator (%s)', async (role) => {
    const [dean = ''] = await who(role).say('/dean');
    const [hanchot = ''] = await who(role).say('/hanchot');
    const admin = role === 'quan_tri';
    expect(dean.includes('07-ĐA/TU')).toBe(admin);
    expect(hanchot.includes('Hạn mặc định')).toBe(admin);
  });

  it('someone without a role learns only how to get an invite', async () => {
    const c = who('none');
    for (const command of ['/baocao', '/danhsach', '/nhacviec', '/tiendo']) {
      const [reply = ''] = await c.say(command);
      expect(reply).toContain('mã mời');
      expect(reply).not.toMatch(/Thanh Mai|Tân Kỳ|Thái Nguyên/);
    }
  });
});
