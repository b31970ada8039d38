import { afterAll, describe, expect, it } from 'vitest';
import { redeemInvite } from '../../src/db/repositories/invites.js';
import { setSetting } from '../../src/db/repositories/settings.js';
import { createWebSession } from '../../src/db/repositories/web-sessions.js';
import { WEB_USER_ID_BASE } from '../../src/web/channel.js';
import {
  type BotProcess,
  freePort,
  startBot,
  stopAllBots,
  tempDbPath,
  untilOutput,
  webPageOf,
} from '../helpers/bot-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { user } from '../helpers/updates.js';
import { WebClient } from '../helpers/web-client.js';
import { seedWorld } from '../helpers/world.js';

/*
 * The daily reminders when Telegram cannot be reached at start (docs/architecture.md, "Start-up without
 * Telegram"): the bot starts on Monday 26/01/2026 at 09:00, after the 08:00 sweep it missed, so it catches up at
 * once. Thanh Mai's inspection programmes and personal plans are due 31/01/2026. Hoa, its secretary who only uses
 * the web page, gets her digest at once; Lan, its secretary on Telegram, once Telegram answers, and once only.
 */

const START = '2026-01-26T09:00:00+07:00';
const dbPath = tempDbPath();
const world = seedWorld(dbPath, new Date('2025-12-01T01:00:00Z'));
const lan = user(31, 'Lan');
const hoaId = WEB_USER_ID_BASE + 3131;
const joinedOn = new Date('2025-12-01T01:00:00Z');
redeemInvite(world.db, world.invite('XA_THANHMAI', 'bi_thu'), { id: lan.id, firstName: 'Lan' }, joinedOn);
redeemInvite(world.db, world.invite('XA_THANHMAI', 'bi_thu'), { id: hoaId, firstName: 'Hoa' }, joinedOn);
setSetting(world.db, 'bot_username', 'test_bot');
const hoaSession = createWebSession(world.db, hoaId, new Date(START));

const api = new FakeBotApi();
let bot: BotProcess;

afterAll(async () => {
  world.close();
  await stopAllBots();
  await api.stop();
});

const DIGEST = '🔔 Nhắc việc ngày 26/01/2026';
const sweeps = () =>
  bot
    .output()
    .split('\n')
    .filter((l) => l.includes('"msg":"reminder sweep"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('reminders while Telegram cannot be reached', () => {
  it('go to the web page at once, and wait for Telegram', async () => {
    const port = await freePort();
    bot = await startBot({
      apiRoot: `http://127.0.0.1:${port}`,
      databasePath: dbPath,
      env: { WEB_PORT: '0', WEB_HOST: '127.0.0.1', REMINDERS: 'on', CLOCK_START: START },
    });
    const page = new WebClient(await webPageOf(bot));
    page.cookie = `phien=${hoaSession.id}`;
    await untilOutput(bot, /"msg":"reminder sweep"/);
    await page.poll();
    const digests = page.snapshot.messages.filter((m) => m.text.startsWith(DIGEST));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.text).toContain('Chương trình kiểm tra, giám sát năm 2026');
    expect(sweeps()).toEqual([expect.objectContaining({ day: '2026-01-26', sent: 1, failed: 1 })]);

    await api.start(port);
    const sent = await api.waitForMessage(lan.id, DIGEST, 60_000);
    expect(sent.text).toContain('Chương trình kiểm tra, giám sát năm 2026');
    await untilOutput(bot, /"msg":"reminder sweep"[\s\S]*"msg":"reminder sweep"/);
    // The sweep ran again once Telegram answered: Lan's digest, and nothing already sent.
    expect(sweeps()[1]).toMatchObject({ day: '2026-01-26', digests: 1, sent: 1, failed: 0 });
    expect(bot.output()).toContain('"msg":"reminder sweep again, for the chats Telegram did not take"');

    expect(api.sentTo(lan.id).filter((m) => m.text?.startsWith(DIGEST))).toHaveLength(1);
    await page.poll();
    expect(page.snapshot.messages.filter((m) => m.text.startsWith(DIGEST))).toHaveLength(1);
    expect(await bot.stop('SIGTERM')).toBe(0);
    expect(sweeps()).toHaveLength(2);
  });
});
