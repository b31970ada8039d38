import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { importHolidays } from '../../src/db/repositories/deadline-settings.js';
import { redeemInvite } from '../../src/db/repositories/invites.js';
import { setSetting } from '../../src/db/repositories/settings.js';
import { inspectionProgrammes } from '../../src/db/schema.js';
import { startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { groupChat, privateChat, user } from '../helpers/updates.js';
import { query, seedWorld } from '../helpers/world.js';

/*
 * Reminders through the real CLI (`remind --at`) and the real bot, against the fake Bot API. Thanh Mai's
 * inspection programmes and personal plans are due 31/01/2026 (a Saturday); Lan is its secretary,
 * Sơn a leader of the province. The province has filed its own programmes for 2026 (with no secretary,
 * they would be Sơn's to hear of), so Sơn hears only of Thanh Mai, once it is 7 days late.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const world = seedWorld(dbPath, new Date('2025-12-01T01:00:00Z'));
const lan = user(11, 'Lan');
const son = user(22, 'Sơn');
let apiRoot: string;

const remind = (at: string, ...more: string[]) =>
  runCli(['remind', '--at', at, ...more], { apiRoot, databasePath: dbPath });
/** The inline keyboard a sendMessage call carried (none: an empty one, so the assertion says what is wrong). */
const keyboardOf = (call: { payload: Record<string, unknown> } | undefined) =>
  (
    call?.payload.reply_markup as
      | { inline_keyboard?: { callback_data?: string; url?: string }[][] }
      | undefined
  )?.inline_keyboard ?? [];
const sentTo = (id: number) =>
  api.callsOf('sendMessage').filter((c) => c.payload.chat_id === id && c.status === 'ok');

beforeAll(async () => {
  apiRoot = await api.start();
  const joined = new Date('2025-12-01T01:00:00Z');
  redeemInvite(world.db, world.invite('XA_THANHMAI', 'bi_thu'), { id: lan.id, firstName: 'Lan' }, joined);
  redeemInvite(world.db, world.invite('TU_TN', 'lanh_dao'), { id: son.id, firstName: 'Sơn' }, joined);
  setSetting(world.db, 'bot_username', 'test_bot');
  importHolidays(world.db, [{ day: '2026-02-02', name: 'Nghỉ bù (thử)' }], CLI_ACTOR, joined);
  for (const body of ['cap_uy', 'ubkt'] as const)
    world.db
      .insert(inspectionProgrammes)
      .values({
        unitId: world.unitId('TU_TN'),
        year: 2026,
        body,
        approvedOn: '2026-01-05',
        createdBy: son.id,
      })
      .run();
});

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

describe('cli remind', () => {
  it('previews with --dry-run and sends nothing', async () => {
    const r = await remind('2026-01-26T08:00:00+07:00', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('— Gửi tới Lan (bí thư, Đảng ủy xã Thanh Mai) (3 việc):');
    expect(r.stdout).toContain(
      '⏳ Chương trình kiểm tra, giám sát năm 2026 của UBKT — hạn 31/01/2026, còn 5 ngày',
    );
    expect(r.stdout).toContain('Xem trước: 1 tin nhắn sẽ được gửi; chưa gửi gì.');
    expect(sentTo(lan.id)).toHaveLength(0);
  });

  it('sends one digest with a button per item, and nothing the second time', async () => {
    expect((await remind('2026-01-26T08:00:00+07:00')).stdout).toContain('Đã gửi 1 tin nhắn.');
    const [digest] = sentTo(lan.id);
    expect(String(digest?.payload.text)).toMatch(
      /^🔔 Nhắc việc ngày 26\/01\/2026:\n\nĐảng ủy xã Thanh Mai:\n⏳ /,
    );
    const keyboard = keyboardOf(digest);
    expect(keyboard.flat().map((b) => b.callback_data)).toEqual([
      `k:kiem_tra_giam_sat:${world.unitId('XA_THANHMAI')}`,
      `k:kiem_tra_giam_sat:${world.unitId('XA_THANHMAI')}`,
      `k:ke_hoach_ca_nhan:${world.unitId('XA_THANHMAI')}`,
    ]);
    expect((await remind('2026-01-26T15:00:00+07:00')).stdout).toContain('Đã gửi 0 tin nhắn.');
    expect(sentTo(lan.id)).toHaveLength(1);
  });

  it('honours a 429 and retries a 500: the digest arrives once', async () => {
    api.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      retry_after: 1,
    });
    api.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    expect((await remind('2026-01-30T08:00:00+07:00')).stdout).toContain('Đã gửi 1 tin nhắn.');
    const texts = sentTo(lan.id).map((c) => String(c.payload.text));
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('còn 1 ngày');
  });

  it('skips a weekend and a holiday, then catches the deadline day up once', async () => {
    expect((await remind('2026-01-31T08:00:00+07:00')).stdout).toContain('không phải ngày gửi nhắc việc');
    expect((await remind('2026-02-02T08:00:00+07:00')).stdout).toContain('không phải ngày gửi nhắc việc');
    await remind('2026-02-03T08:00:00+07:00');
    const texts = sentTo(lan.id).map((c) => String(c.payload.text));
    expect(texts).toHaveLength(3);
    expect(texts[2]).toContain('quá hạn 3 ngày');
  });

  it('opens the matching form from the reminder’s button', async () => {
    await startBot({ apiRoot, databasePath: dbPath, api });
    const c = new Conversation(api, lan, privateChat(lan));
    const digest = c.all().find((m) => (m.text ?? '').startsWith('🔔 Nhắc việc'));
    if (!digest) throw new Error('no digest in the chat');
    const replies = await c.press(/Kế hoạch hành động cá nhân/, digest);
    expect(replies.join('\n')).toContain('📆 Báo cáo kế hoạch hành động cá nhân của năm nào?');
  });

  it('lets a linked group ask for the digest', async () => {
    const g = new Conversation(api, lan, groupChat(-100_500, 'Chi ủy Thanh Mai'));
    expect((await g.say('/nhacnhom bat'))[0]).toContain('chưa liên kết');
    await g.say('/lienket');
    expect((await g.say('/nhacnhom bat'))[0]).toContain('Từ nay nhóm nhận bản nhắc việc');
  });

  it('tells the leaders of the parent past 7 days, and marks a user who blocked the bot', async () => {
    api.block(lan.id);
    const r = await remind('2026-02-09T08:00:00+07:00');
    expect(r.stdout).toContain('không gửi được');
    const [toLeader] = sentTo(son.id);
    expect(String(toLeader?.payload.text)).toContain('📣 Đơn vị trực thuộc chậm quá 7 ngày:');
    expect(String(toLeader?.payload.text)).toContain('Đảng ủy xã Thanh Mai:');
    const toGroup = sentTo(-100_500).find((c) => String(c.payload.text).startsWith('🔔 Nhắc việc'));
    const groupButtons = keyboardOf(toGroup);
    expect(groupButtons.flat()[0]?.url).toBe(
      `https://t.me/test_bot?start=f-kiem_tra_giam_sat-${world.unitId('XA_THANHMAI')}`,
    );
    const [row] = query<{ blocked_at: number | null }>(
      dbPath,
      'select blocked_at from users where id = ?',
      lan.id,
    );
    expect(row?.blocked_at).not.toBeNull();
    const before = api.callsOf('sendMessage').filter((c) => c.payload.chat_id === lan.id).length;
    await remind('2026-02-16T08:00:00+07:00');
    expect(api.callsOf('sendMessage').filter((c) => c.payload.chat_id === lan.id).length).toBe(before);
  });
});
