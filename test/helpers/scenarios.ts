import type { Role } from '../../src/db/schema.js';
import { Conversation } from './conversation.js';
import type { FakeBotApi } from './fake-bot-api.js';
import { privateChat, user } from './updates.js';

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

/** A secretary of Thanh Mai (126 must study) files an online conference: 120 present, 30 others, 2 bridge points. */
export async function fileOnlineConference(c: Conversation): Promise<void> {
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
