import 'dotenv/config';
import { HttpsProxyAgent } from 'https-proxy-agent';
import pino from 'pino';
import { createBot } from './bot/create-bot.js';
import { MENU } from './bot/messages.js';
import { startWebhookServer } from './bot/webhook.js';
import { processClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { flushWrites } from './db/deferred.js';
import { dropFormsOlderThan } from './db/repositories/forms.js';
import { pruneProcessed } from './db/repositories/processed-updates.js';
import { sweepRanOn } from './db/repositories/reminders.js';
import { setSetting } from './db/repositories/settings.js';
import { pruneWebSessions } from './db/repositories/web-sessions.js';
import { startBackupScheduler } from './scheduler/backup.js';
import { startScheduler } from './scheduler/index.js';
import { hasBackupFor, runBackup } from './scheduler/jobs/backup.js';
import { runSweep } from './scheduler/jobs/reminder-sweep.js';
import { loadShippedHolidays } from './services/holidays.js';
import { createSender } from './telegram/create-sender.js';
import { telegramSweepDeps } from './telegram/delivery.js';
import { isWebOnlyUser, WebChannel } from './web/channel.js';
import { startWebServer } from './web/server.js';

/*
 * The composition root: config → database (created and migrated) → bot → launch; graceful stop.
 * The only module that reads the environment, opens connections and handles signals.
 */

const DAY = 24 * 3600 * 1000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\nXem .env.example để biết các biến cấu hình.\n`);
    process.exit(1);
  }
  const logger = pino({ level: config.LOG_LEVEL, redact: ['*.token', 'token'] });
  const db = openDatabase(config.DATABASE_PATH);
  logger.info({ database: config.DATABASE_PATH }, 'database ready');

  const now = processClock(config.CLOCK_START);
  // Housekeeping at start: forms untouched for 30 days, and the redelivery guard's old entries.
  dropFormsOlderThan(db, new Date(now().getTime() - 30 * DAY));
  pruneProcessed(db, new Date(now().getTime() - 7 * DAY));
  pruneWebSessions(db, now());
  const holidayYears = loadShippedHolidays(db, now());
  if (holidayYears.length > 0) logger.info({ years: holidayYears }, 'shipped public holidays loaded');

  const sender = createSender(config, db, logger, now);
  // The web page (WEB_PORT): its updates run through the same bot, their replies stay in the page.
  const web = config.WEB_PORT === undefined ? null : new WebChannel(() => bot.botInfo, MENU, now);
  const bot = createBot(
    config.BOT_TOKEN,
    { db, logger, timeZone: config.TIMEZONE, adminIds: config.ADMIN_IDS, now, sender },
    {
      apiRoot: config.TELEGRAM_API_ROOT,
      agent: config.HTTPS_PROXY ? new HttpsProxyAgent(config.HTTPS_PROXY) : undefined,
      ...(web ? { channel: web.route } : {}),
    },
  );

  const me = await bot.telegram.getMe();
  bot.botInfo = me;
  // The CLI's `invite` prints a t.me link with this name.
  if (me.username) setSetting(db, 'bot_username', me.username);
  await bot.telegram.setMyCommands(MENU);
  const webServer =
    web && config.WEB_PORT !== undefined
      ? await startWebServer({
          host: config.WEB_HOST,
          port: config.WEB_PORT,
          db,
          channel: web,
          handleUpdate: (update) => bot.handleUpdate(update),
          logger,
          now,
        })
      : null;
  if (webServer) logger.info({ url: webServer.url }, 'web channel listening');

  const telegramDeps = telegramSweepDeps({
    db,
    logger,
    timeZone: config.TIMEZONE,
    weekdays: config.REMINDER_DAYS,
    telegram: bot.telegram,
    botUsername: me.username ?? null,
  });
  // People who only use the web page (ids Telegram never gives) get their reminders there.
  const sweepDeps: typeof telegramDeps = {
    ...telegramDeps,
    send: async (chatId, m) => {
      if (!isWebOnlyUser(chatId)) return telegramDeps.send(chatId, m);
      if (!web) return 'failed';
      web.notify(
        chatId,
        m.text,
        m.buttons.map((row) => row.map((b) => ({ text: b.label, ...(b.data ? { data: b.data } : {}) }))),
      );
      return 'sent';
    },
  };
  const scheduler = config.REMINDERS
    ? startScheduler({
        time: config.REMINDER_TIME,
        weekdays: config.REMINDER_DAYS,
        timeZone: config.TIMEZONE,
        logger,
        now,
        ranOn: (day) => sweepRanOn(db, day),
        sweep: (at) => runSweep(sweepDeps, at),
      })
    : null;
  const backups = config.BACKUPS
    ? startBackupScheduler({
        time: config.BACKUP_TIME,
        timeZone: config.TIMEZONE,
        logger,
        now,
        doneOn: (day) => hasBackupFor(config.BACKUP_DIR, day),
        backup: (at) =>
          runBackup(
            {
              db,
              dir: config.BACKUP_DIR,
              keepDays: config.BACKUP_KEEP_DAYS,
              timeZone: config.TIMEZONE,
              logger,
            },
            at,
          ),
      })
    : null;

  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  void signalled.then((signal) => logger.info({ signal }, 'stopping'));

  if (config.WEBHOOK_URL && config.WEBHOOK_SECRET) {
    const url = new URL(config.WEBHOOK_URL);
    const server = await startWebhookServer({
      host: config.WEBHOOK_HOST,
      port: config.WEBHOOK_PORT,
      path: url.pathname + url.search,
      secret: config.WEBHOOK_SECRET,
      // Answered (confirmed) only once the update's redelivery mark is written.
      handleUpdate: (update) => bot.handleUpdate(update).finally(() => flushWrites(db)),
      logger,
    });
    // Listening first, so nothing Telegram sends is refused. The webhook stays set when the bot stops:
    // Telegram keeps the updates and retries until the bot is back.
    await bot.telegram.setWebhook(config.WEBHOOK_URL, {
      secret_token: config.WEBHOOK_SECRET,
      drop_pending_updates: false,
      allowed_updates: [],
    });
    logger.info({ bot: me.username, host: config.WEBHOOK_HOST, port: server.port }, 'bot started (webhook)');
    await signalled;
    await server.close();
  } else {
    // Stops polling after the updates in hand are handled; launch() then resolves below.
    void signalled.then((signal) => bot.stop(signal));
    await bot.launch({ dropPendingUpdates: false }, () => {
      logger.info({ bot: me.username }, 'bot started (long polling)');
    });
  }
  await webServer?.close();
  await scheduler?.stop();
  await backups?.stop();
  flushWrites(db);
  db.$client.close();
  logger.info('stopped');
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Không khởi động được bot: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
