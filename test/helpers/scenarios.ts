import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../src/db/schema.js';
import { startBot, stopAllBots, tempDbPath } from './bot-process.js';
import { Conversation } from './conversation.js';
import { FakeBotApi } from './fake-bot-api.js';
import { privateChat, user } from './updates.js';
import { seedWorld } from './world.js';

/** Makes people who join through an invite of `world`; ids from `firstId` up, so test files do not collide. */
export function joiner(
  api: FakeBotApi,
  world: { invite(code: string, role: Role): string },
  firstId: number,
) {
  let next = firstId;
  return async (name: string, unit: string, role: Role): Promise<Conversation> => {
    const u = user(++next, name);
    const c = new Conversation(api, u, privateChat(u));
    await c.say(`/start ${world.invite(unit, role)}`);
    return c;
  };
}

/**
 * A secretary of Thanh Mai (126 must study) answers every question of an in-person conference report, up to
 * the summary (not confirmed); returns what the last press showed.
 */
export async function fillInPersonConference(
  c: Conversation,
  present = '120',
  others = '1.250',
): Promise<string[]> {
  await c.say('/baocao');
  await c.press('Hội nghị học tập, quán triệt');
  await c.press('Hôm nay');
  await c.say('35');
  await c.press('Trực tiếp');
  await c.press('Dùng số hiện có: 126');
  await c.say(present);
  await c.say(others);
  await c.press('Không');
  await c.press('Có');
  return c.press('⏭ Bỏ qua');
}

/** Who files a report: a Telegram conversation, or the web page (WebClient). */
interface Reporter {
  say(text: string): Promise<unknown>;
  press(label: string): Promise<unknown>;
}

/** A secretary of Thanh Mai (126 must study) files an online conference: 120 present, 30 others, 2 bridge points. */
export async function fileOnlineConference(c: Reporter): Promise<void> {
  await c.say('/baocao');
  await c.press('Hội nghị học tập, quán triệt');
  await c.press('Hôm nay');
  await c.say('35');
  await c.press('Trực tuyến');
  await c.say('2');
  await c.press('Dùng số hiện có: 126');
  await c.say('120');
  await c.say('30');
  await c.press('Không');
  await c.press('Có');
  await c.press('⏭ Bỏ qua');
  await c.press('✅ Xác nhận');
}

/**
 * The real entrypoint against a fresh e2e world, with a secretary of Thanh Mai (Lan) and a leader of the province
 * (Sơn) who joined by invite: started before the test file's own beforeAll, stopped after its tests. `env`: the
 * bot's own settings (ADMIN_IDS, say).
 * `people` is filled once started.
 */
export function committeeWithBot(firstUserId: number, env: Record<string, string> = {}) {
  const api = new FakeBotApi();
  const dbPath = tempDbPath();
  const world = seedWorld(dbPath);
  const person = joiner(api, world, firstUserId);
  const people = {} as { secretary: Conversation; leader: Conversation };
  beforeAll(async () => {
    await startBot({ apiRoot: await api.start(), databasePath: dbPath, api, env });
    people.secretary = await person('Lan', 'XA_THANHMAI', 'bi_thu');
    people.leader = await person('Sơn', 'TU_TN', 'lanh_dao');
  });
  afterAll(async () => {
    world.close();
    await stopAllBots();
    await api.stop();
  });
  return { api, world, people };
}
