import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { createConferenceReport } from '../../src/db/repositories/conference-reports.js';
import { upsertDocuments } from '../../src/db/repositories/documents.js';
import { DUE_SINCE_KEY } from '../../src/db/repositories/due-items.js';
import { createInvite } from '../../src/db/repositories/invites.js';
import { upsertUser } from '../../src/db/repositories/members.js';
import { setSetting } from '../../src/db/repositories/settings.js';
import { getUnitByCode, upsertUnits } from '../../src/db/repositories/units.js';
import { addDaysIso, formatDate } from '../../src/domain/vn.js';
import { startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { testClock, testToday } from '../helpers/instant.js';
import { conferenceRow, NQ_57, unitRow } from '../helpers/seed-rows.js';
import { privateChat, user } from '../helpers/updates.js';
import { query } from '../helpers/world.js';

/*
 * An overdue item leaves the reminders when an administrator waives it in the chat (`/hanchot mien`, audited) or
 * when its unit closes (docs/domain.md, "Deadlines and reminders"), through the real entrypoint. /nhacviec lists
 * what the daily sweep reminds of (both read dueItems). Thanh Mai and Tân Kỳ both studied 57-NQ/TW forty days
 * before today: their action plans are ten days overdue.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const ADMIN = user(9801, 'Quản');
const DUE = formatDate(addDaysIso(testToday, -10));

function seedProvince() {
  const db = openDatabase(dbPath);
  const now = testClock();
  upsertUnits(
    db,
    [
      unitRow('TU_TN', 'Tỉnh ủy Thái Nguyên', 'tinh', null),
      unitRow('XA_THANHMAI', 'Đảng ủy xã Thanh Mai', 'xa', 'TU_TN'),
      unitRow('XA_TANKY', 'Đảng ủy xã Tân Kỳ', 'xa', 'TU_TN'),
    ],
    CLI_ACTOR,
    now,
  );
  upsertDocuments(db, [NQ_57], CLI_ACTOR, now);
  upsertUser(db, { id: 42, firstName: 'Lan' });
  // Reminders began the year of the conferences (on 01/01 that is last year: `/hanchot tunam`).
  setSetting(db, DUE_SINCE_KEY, addDaysIso(testToday, -40).slice(0, 4));
  const id = (code: string) => getUnitByCode(db, code)?.id ?? Number.NaN;
  for (const code of ['XA_THANHMAI', 'XA_TANKY']) {
    createConferenceReport(
      db,
      conferenceRow(id(code), addDaysIso(testToday, -40), [1]),
      { id: 42, label: 'lan' },
      now,
    );
  }
  const invite = createInvite(db, { unitId: id('TU_TN'), role: 'lanh_dao', createdBy: null, now }).code;
  db.$client.close();
  return invite;
}

const leaderInvite = seedProvince();
const chat = (u: ReturnType<typeof user>) => new Conversation(api, u, privateChat(u));
let leader: Conversation;
let admin: Conversation;

beforeAll(async () => {
  await startBot({
    apiRoot: await api.start(),
    databasePath: dbPath,
    api,
    env: { ADMIN_IDS: String(ADMIN.id) },
  });
  leader = chat(user(9802, 'Sơn'));
  await leader.say(`/start ${leaderInvite}`);
  admin = chat(ADMIN);
});

afterAll(async () => {
  await stopAllBots();
  await api.stop();
});

/** The leader's /nhacviec, every page's text as one. */
const dueList = async () => (await leader.say('/nhacviec')).join('\n');
/** A unit's section of the list (its items, up to the next blank line); '' when it has none. */
const sectionOf = (text: string, unit: string) =>
  new RegExp(`^${unit} \\(\\d+\\):\\n(?:.+\\n?)*`, 'm').exec(text)?.[0] ?? '';
const PLAN = `Chương trình, kế hoạch hành động thực hiện 57-NQ/TW — hạn ${DUE}, quá hạn 10 ngày`;

describe('an overdue item leaves the reminders', () => {
  it('when an administrator waives it with /hanchot mien: audited, with who and why', async () => {
    const before = await dueList();
    expect(sectionOf(before, 'Đảng ủy xã Thanh Mai')).toContain(PLAN);
    expect(sectionOf(before, 'Đảng ủy xã Tân Kỳ')).toContain(PLAN);

    const [done = ''] = await admin.say(
      '/hanchot mien xa_thanhmai kehoach 57-NQ/TW đã có kế hoạch chung của tỉnh',
    );
    expect(done).toBe(
      'Đã miễn chương trình, kế hoạch hành động thực hiện 57-NQ/TW của Đảng ủy xã Thanh Mai: ' +
        'không nhắc, không báo cấp trên nữa (có ghi nhật ký).',
    );
    const after = await dueList();
    // Thanh Mai's other items (its annual ones) stay; the waived plan is gone, Tân Kỳ's is not.
    expect(sectionOf(after, 'Đảng ủy xã Thanh Mai')).not.toContain('57-NQ/TW');
    expect(sectionOf(after, 'Đảng ủy xã Tân Kỳ')).toContain(PLAN);

    const audit = query<{ actor_id: number; after: string }>(
      dbPath,
      "select actor_id, after from audit_log where entity = 'due_waiver'",
    );
    expect(audit.map((a) => ({ actor: a.actor_id, ...JSON.parse(a.after) }))).toEqual([
      { actor: ADMIN.id, reason: 'đã có kế hoạch chung của tỉnh' },
    ]);
    const [trail = ''] = await admin.say('/nhatky XA_THANHMAI');
    expect(trail).toContain('· Quản · tạo miễn hạn #');
    // Asked again: said so, nothing recorded twice.
    expect((await admin.say('/hanchot mien XA_THANHMAI kehoach 57-NQ/TW'))[0]).toContain(
      'đã được miễn từ trước',
    );
    expect(query(dbPath, "select count(*) as n from audit_log where entity = 'due_waiver'")).toEqual([
      { n: 1 },
    ]);
  });

  it('when its unit closes', async () => {
    await admin.say('/donvi XA_TANKY');
    await admin.press('⛔ Đóng');
    await admin.say(formatDate(addDaysIso(testToday, -1)));
    await admin.press('⏭ Bỏ qua');
    expect((await admin.press('✅ Xác nhận'))[0]).toMatch(/^✅ Đảng ủy xã Tân Kỳ hết hiệu lực sau ngày/);
    const after = await dueList();
    expect(sectionOf(after, 'Đảng ủy xã Tân Kỳ')).toBe('');
    expect(after).not.toContain('Tân Kỳ');
    expect(after).not.toContain(PLAN);
  });
});
