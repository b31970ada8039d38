import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redeemInvite } from '../../src/db/repositories/invites.js';
import { setSetting } from '../../src/db/repositories/settings.js';
import { startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { fileOnlineConference } from '../helpers/scenarios.js';
import { forumChat, privateChat, user } from '../helpers/updates.js';
import { query, seedWorld } from '../helpers/world.js';

/*
 * A group with topics (a forum): /lienket and /nhacnhom run in the committee's topic, and the group's notices and
 * reminder digests go to that topic, not to "General" (docs/architecture.md, "Groups with topics"). On 26/01/2026
 * Thanh Mai's 2026 inspection programmes are 5 days from due.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const joined = new Date('2025-12-01T01:00:00Z');
const world = seedWorld(dbPath, joined);
const lan = user(51, 'Lan');
const FORUM = forumChat(-100_900, 'Đảng bộ xã Thanh Mai');
const TOPIC = 42;
let apiRoot = '';

beforeAll(async () => {
  redeemInvite(world.db, world.invite('XA_THANHMAI', 'bi_thu'), { id: lan.id, firstName: 'Lan' }, joined);
  setSetting(world.db, 'bot_username', 'test_bot');
  apiRoot = await api.start();
  await startBot({ apiRoot, databasePath: dbPath, api });
});

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

const threadOf = () => query<{ thread_id: number | null }>(dbPath, 'select thread_id from group_links');

describe('a group with topics', () => {
  const topic = new Conversation(api, lan, FORUM, TOPIC);

  it('remembers the topic /lienket and /nhacnhom ran in, and answers there', async () => {
    expect((await topic.say('/lienket'))[0]).toContain('đã được liên kết với Đảng ủy xã Thanh Mai');
    expect(threadOf()).toEqual([{ thread_id: TOPIC }]);
    expect((await topic.say('/nhacnhom bat'))[0]).toContain('Từ nay nhóm nhận bản nhắc việc');
    expect(threadOf()).toEqual([{ thread_id: TOPIC }]);
  });

  it('gets the unit’s report notice in that topic', async () => {
    await fileOnlineConference(new Conversation(api, lan, privateChat(lan)));
    const notice = api.sentTo(FORUM.id).find((m) => (m.text ?? '').startsWith('📋 Đảng ủy xã Thanh Mai'));
    expect(notice?.message_thread_id).toBe(TOPIC);
  });

  it('gets the reminder digest in that topic', async () => {
    const r = await runCli(['remind', '--at', '2026-01-26T08:00:00+07:00'], {
      apiRoot,
      databasePath: dbPath,
    });
    expect(r.code).toBe(0);
    const digest = topic.all().find((m) => (m.text ?? '').startsWith('🔔 Nhắc việc ngày 26/01/2026'));
    expect(digest?.text).toContain('Chương trình kiểm tra, giám sát năm 2026');
  });

  it('/nhacnhom in "General" sends them to the group itself again', async () => {
    const general = new Conversation(api, lan, FORUM);
    const [reply] = await general.say('/nhacnhom bat');
    expect(reply).toContain('Từ nay nhóm nhận bản nhắc việc');
    expect(general.last().message_thread_id).toBeUndefined();
    expect(threadOf()).toEqual([{ thread_id: null }]);
  });
});
