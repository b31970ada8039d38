import type { Logger } from 'pino';
import { createBot } from '../bot/create-bot.js';
import { M, MENU } from '../bot/messages.js';
import { runDemo } from '../cli/demo.js';
import { systemClock } from '../clock.js';
import { type Db, openDatabase } from '../db/client.js';
import { flushWrites } from '../db/deferred.js';
import { findOpenInvite } from '../db/repositories/invites.js';
import { getUnitByCode } from '../db/repositories/units.js';
import type { Role } from '../db/schema.js';
import { startHousekeeping } from '../scheduler/housekeeping.js';
import { runHousekeeping } from '../scheduler/jobs/housekeeping.js';
import { Sender } from '../telegram/sender.js';
import { WebChannel } from './channel.js';
import { startWebServer, type WebServer, type WebServerOptions } from './server.js';
import { sqliteWebStore } from './store.js';

/*
 * `npm run sandbox`: the web channel over the demo data, with no Telegram at all: no token, no polling, a
 * hand-made botInfo, and the bot's own Telegram object writing only into the web page's chats.
 */

export interface Sandbox {
  db: Db;
  server: WebServer;
  /** Open invites of the demo, as web sign-in links. */
  invites: { unitName: string; role: Role; code: string; link: string }[];
  close(): Promise<void>;
}

const SANDBOX_BOT = {
  id: 1,
  is_bot: true as const,
  first_name: 'Bot báo cáo (thử)',
  username: 'hoc_tap_nghi_quyet_thu_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
};

export async function startSandbox(opts: {
  databasePath: string;
  host: string;
  port: number;
  logger: Logger;
  timeZone?: string;
  now?: () => Date;
  trustProxy?: readonly string[];
  publicUrl?: string;
  limits?: WebServerOptions['limits'];
}): Promise<Sandbox> {
  const now = opts.now ?? systemClock;
  const timeZone = opts.timeZone ?? 'Asia/Ho_Chi_Minh';
  const db = openDatabase(opts.databasePath, { log: opts.logger, now, timeZone });
  const housekeeping = startHousekeeping({
    timeZone,
    logger: opts.logger,
    now,
    job: (at) => runHousekeeping(db, at),
  });
  const quiet = () => undefined;
  const code = await runDemo({
    db,
    out: quiet,
    err: (l) => opts.logger.error(l),
    now: now(),
    timeZone,
    telegram: {},
  });
  if (code !== 0) throw new Error('demo data could not be loaded');

  const channel = new WebChannel(() => bot.botInfo, MENU, now, { store: sqliteWebStore(db, now) });
  const sender = new Sender({
    perSecond: 0,
    perChatPerSecond: 0,
    perGroupPerMinute: 0,
    sizes: { strict: false, fallback: M.tooLongForTelegram, logger: opts.logger },
  });
  const bot = createBot(
    '0:sandbox',
    { db, logger: opts.logger, timeZone, adminIds: [], now, sender },
    // No Telegram: the bot's own calls (commands, notices) go to the page too.
    { api: channel.globalApi, channel: channel.route },
  );
  bot.botInfo = SANDBOX_BOT;
  await bot.telegram.setMyCommands(MENU);

  const server = await startWebServer({
    host: opts.host,
    port: opts.port,
    db,
    channel,
    handleUpdate: (u) => bot.handleUpdate(u),
    logger: opts.logger,
    now,
    trustProxy: opts.trustProxy,
    publicUrl: opts.publicUrl,
    limits: opts.limits,
    // The dashboard's scope and "today" as the bot's; no Mini App sign-in (no bot token).
    adminIds: [],
    timeZone,
  });
  const invites = (['XA_TANKY_2025:bi_thu', 'TU_THAINGUYEN_2025:lanh_dao'] as const).flatMap((key) => {
    const [unitCode = '', role] = key.split(':') as [string, Role];
    const unit = getUnitByCode(db, unitCode);
    const invite = unit ? findOpenInvite(db, unit.id, role, now()) : null;
    if (!unit || !invite) return [];
    return [{ unitName: unit.name, role, code: invite.code, link: `${server.url}web?start=${invite.code}` }];
  });
  return {
    db,
    server,
    invites,
    async close() {
      await server.close();
      await housekeeping.stop();
      flushWrites(db);
      db.$client.close();
    },
  };
}
