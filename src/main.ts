import './load-env-file.js';
import { format } from 'date-fns/format';
import pino, { type Logger } from 'pino';
import type { TelegramError } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';
import { createBot } from './bot/create-bot.js';
import { MENU } from './bot/messages.js';
import { startWebhookServer } from './bot/webhook.js';
import { BOT_USERNAME_KEY } from './cli/bot-username.js';
import { lockHolder, startupMsg } from './cli/doctor-messages.js';
import { processClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { type Db, openDatabase } from './db/client.js';
import { flushWrites } from './db/deferred.js';
import { NewerDatabaseError } from './db/migrate-safely.js';
import { lastSweepDay, sweepRanOn } from './db/repositories/reminders.js';
import { getSetting, setSetting } from './db/repositories/settings.js';
import { inZone } from './domain/vn.js';
import { tightenUmask } from './ops/files.js';
import { Health, watched } from './ops/health.js';
import { type DatabaseLock, LockHeldError, lockDatabase } from './ops/lock.js';
import { startBackupScheduler } from './scheduler/backup.js';
import { startHousekeeping } from './scheduler/housekeeping.js';
import { startScheduler, stillRemindingOn } from './scheduler/index.js';
import { hasBackupFor, lastBackupIn, runBackup } from './scheduler/jobs/backup.js';
import { runHousekeeping } from './scheduler/jobs/housekeeping.js';
import { runSweep } from './scheduler/jobs/reminder-sweep.js';
import { loadShippedHolidays } from './services/holidays.js';
import { botApi } from './telegram/bot-api.js';
import { createSender } from './telegram/create-sender.js';
import { telegramSweepDeps } from './telegram/delivery.js';
import { isTokenRejected, joining, standInBotInfo } from './telegram/join.js';
import { setDashboardMenu } from './telegram/menu-button.js';
import { backoffMs, StoppedError, sleep } from './telegram/retry.js';
import { isWebOnlyUser, WebChannel } from './web/channel.js';
import { startWebServer } from './web/server.js';
import { sqliteWebStore } from './web/store.js';

/*
 * The composition root: config → database (created and migrated) → the web page, reminders and backups → Telegram,
 * joined in the background for as long as it takes (docs/architecture.md, "Start-up without Telegram"); a stop
 * bounded in time ("Stopping"). The only module that reads the environment, opens connections and handles signals.
 */

/** Until the configuration is read, and for a failure outside main's own handling: JSON as every log line. */
let startupLog: Logger = pino();

/** Under webhook mode, Telegram is asked something when it has been silent this long (/healthz stays true). */
const WEBHOOK_PROBE_MS = 60_000;

/** Past this, a stop closes the database and exits whatever is still running (the bound is 5 s). */
const STOP_LIMIT_MS = 4000;
/** How long the updates in hand get to finish (their replies included) before the sender stops. */
const STOP_GRACE_MS = 1500;
/** After the sender stopped, how long the polling loop or the webhook's requests get to end. */
const STOP_AFTER_SENDER_MS = 500;

const within = (ms: number, p: Promise<unknown>) =>
  Promise.race([p.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms).unref())]);

/** Resolves with `p`, or rejects with StoppedError once `signal` aborts. */
function unlessStopped<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new StoppedError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** What `npm start` prints when Telegram's answer stops the bot: a rejected token apart from the rest. */
function whyStopped(err: unknown, joined: boolean): string {
  if (isTokenRejected(err)) {
    const e = err as TelegramError;
    return startupMsg.tokenRejected(`${e.code} ${e.description}`);
  }
  const why = err instanceof Error ? err.message : String(err);
  return joined ? startupMsg.stopped(why) : startupMsg.failed(why);
}

async function main(): Promise<number> {
  tightenUmask();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    startupLog.fatal({ issues: err.issues }, startupMsg.configBad(err.message));
    return 1;
  }
  const logger = pino({ level: config.LOG_LEVEL, redact: ['*.token', 'token'] });
  startupLog = logger;
  const now = processClock(config.CLOCK_START);
  // One running copy per database, before anything touches Telegram or the database (docs/architecture.md,
  // "One running copy"): a second `npm start` would take the first one's updates (409 Conflict) and write
  // beside it.
  let lock: DatabaseLock;
  try {
    lock = lockDatabase(config.DATABASE_PATH, { command: 'bot', now });
  } catch (err) {
    if (!(err instanceof LockHeldError)) throw err;
    const since = err.owner
      ? format(inZone(new Date(err.owner.since), config.TIMEZONE), 'HH:mm dd/MM/yyyy')
      : '';
    logger.fatal(
      { database: config.DATABASE_PATH, holder: err.owner },
      startupMsg.lockHeld(config.DATABASE_PATH, lockHolder(err.owner, since)),
    );
    return 1;
  }
  const stopping = new AbortController();
  /** Telegram has answered the calls that join it; until then reminders for Telegram's chats wait. */
  let telegramUp = false;
  let joined: () => void = () => undefined;
  const telegramJoined = new Promise<void>((resolve) => {
    joined = resolve;
  });
  // Every Bot API call over undici (src/telegram/bot-api.ts); the first call of each that joins Telegram is
  // tried until Telegram answers it (src/telegram/join.ts).
  const telegram = botApi({
    token: config.BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    proxy: config.HTTPS_PROXY,
  });
  // What /healthz answers (docs/architecture.md, "Monitoring"); every call tells it whether Telegram answered.
  let opened: Db | null = null;
  const health = new Health(
    {
      now,
      pingDatabase: () => {
        if (!opened?.$client.open) throw new Error('database closed');
        opened.$client.prepare('select 1').get();
      },
      lastBackup: () => (config.BACKUPS ? lastBackupIn(config.BACKUP_DIR) : null),
      lastReminderSweep: () => (opened ? lastSweepDay(opened) : null),
    },
    logger,
  );
  const api = joining(watched(telegram.call, health), {
    logger,
    now,
    signal: stopping.signal,
    token: config.BOT_TOKEN,
    onAnswered: (method) => {
      if (method !== 'deleteWebhook') return;
      telegramUp = true;
      joined();
      logger.info({ bot: bot.botInfo?.username }, 'bot started (long polling)');
    },
  });
  // Asked now, answered while the database opens: the first poll waits for it (joinTelegram below).
  const askingMe = api('getMe', {}) as Promise<UserFromGetMe>;
  askingMe.catch(() => undefined);

  // Migrated, after a copy to BACKUP_DIR when it has data; refused when a newer version wrote it (migrate-safely.ts).
  let db: Db;
  try {
    db = openDatabase(config.DATABASE_PATH, {
      backupDir: config.BACKUP_DIR,
      now,
      timeZone: config.TIMEZONE,
      log: logger,
    });
  } catch (err) {
    if (!(err instanceof NewerDatabaseError)) throw err;
    logger.fatal(
      { database: config.DATABASE_PATH, unknownMigrations: err.unknown },
      startupMsg.failed(err.message),
    );
    lock.release();
    return 1;
  }
  opened = db;
  logger.info({ database: config.DATABASE_PATH }, 'database ready');

  // Old forms, redelivery marks, sessions, /web codes and page transcripts: pruned now, then every hour.
  const housekeeping = startHousekeeping({
    timeZone: config.TIMEZONE,
    logger,
    now,
    job: (at) => runHousekeeping(db, at),
  });
  const holidayYears = loadShippedHolidays(db, now());
  if (holidayYears.length > 0) logger.info({ years: holidayYears }, 'shipped public holidays loaded');

  const sender = createSender(config, db, logger, now);
  // The web page (WEB_PORT): its updates run through the same bot, their replies stay in the page.
  const web =
    config.WEB_PORT === undefined
      ? null
      : new WebChannel(() => bot.botInfo, MENU, now, { store: sqliteWebStore(db, now) });
  const bot = createBot(
    config.BOT_TOKEN,
    {
      db,
      logger,
      timeZone: config.TIMEZONE,
      adminIds: config.ADMIN_IDS,
      now,
      sender,
      webUrl: config.WEB_URL,
      download: (filePath) => telegram.download(filePath, stopping.signal),
    },
    { api, ...(web ? { channel: web.route } : {}) },
  );
  // Until getMe answers, who the bot was last time: the web page's updates need a botInfo.
  const knownName = getSetting(db, BOT_USERNAME_KEY);
  bot.botInfo = standInBotInfo(config.BOT_TOKEN, knownName);

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
          trustProxy: config.TRUST_PROXY,
          publicUrl: config.WEB_URL,
          health,
          botToken: config.BOT_TOKEN,
          adminIds: config.ADMIN_IDS,
          timeZone: config.TIMEZONE,
        })
      : null;
  if (webServer) logger.info({ url: webServer.url }, 'web channel listening');

  /**
   * One sweep: people who only use the web page get theirs in the page at once; Telegram's chats through
   * Telegram, or, while it cannot be reached, not yet: their claims are given back (reminder-sweep.ts) and the
   * sweep runs again once Telegram answers, which sends what is still unsent and nothing twice.
   */
  const sweepOnce = async (at: Date) => {
    let missed = false;
    const telegramDeps = telegramSweepDeps({
      db,
      logger,
      timeZone: config.TIMEZONE,
      weekdays: config.REMINDER_DAYS,
      telegram: bot.telegram,
      botUsername: getSetting(db, BOT_USERNAME_KEY),
    });
    const report = await runSweep(
      {
        ...telegramDeps,
        send: async (chatId, m) => {
          if (isWebOnlyUser(chatId)) {
            if (!web) return 'failed';
            web.notify(
              chatId,
              m.text,
              m.buttons.map((row) =>
                row.map((b) => ({ text: b.label, ...(b.data ? { data: b.data } : {}) })),
              ),
            );
            return 'sent';
          }
          const outcome = telegramUp ? await telegramDeps.send(chatId, m) : 'failed';
          if (outcome === 'failed') missed = true;
          return outcome;
        },
      },
      at,
    );
    return { day: report.day, missed };
  };
  let missedDay: string | null = null;
  let resending = false;
  const resendMissed = async () => {
    resending = true;
    try {
      for (let n = 1; missedDay !== null && !stopping.signal.aborted; n++) {
        if (telegramUp) await sleep(backoffMs(n, Math.random), stopping.signal);
        else await unlessStopped(telegramJoined, stopping.signal);
        const day = missedDay;
        missedDay = null;
        if (!stillRemindingOn(day, now(), config.TIMEZONE)) break;
        logger.info({ day, attempt: n }, 'reminder sweep again, for the chats Telegram did not take');
        await scheduler?.runNow();
      }
    } catch (err) {
      if (!(err instanceof StoppedError)) logger.error({ err }, 'reminder resend failed');
    } finally {
      resending = false;
    }
  };
  const scheduler = config.REMINDERS
    ? startScheduler({
        time: config.REMINDER_TIME,
        weekdays: config.REMINDER_DAYS,
        timeZone: config.TIMEZONE,
        logger,
        now,
        ranOn: (day) => sweepRanOn(db, day),
        sweep: async (at) => {
          const { day, missed } = await sweepOnce(at);
          if (!missed || stopping.signal.aborted) return;
          missedDay = day;
          if (!resending) void resendMissed();
        },
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

  const webhookUrl = config.WEBHOOK_URL && config.WEBHOOK_SECRET ? config.WEBHOOK_URL : null;
  const webhook = webhookUrl
    ? await startWebhookServer({
        host: config.WEBHOOK_HOST,
        port: config.WEBHOOK_PORT,
        path: new URL(webhookUrl).pathname + new URL(webhookUrl).search,
        secret: config.WEBHOOK_SECRET ?? '',
        // Answered (confirmed) only once the update's redelivery mark is written.
        handleUpdate: (update) => bot.handleUpdate(update).finally(() => flushWrites(db)),
        logger,
        trustProxy: config.TRUST_PROXY,
        health,
        serveHealth: webServer === null,
      })
    : null;

  // Telegram, in the background: each call is tried until Telegram answers it (src/telegram/join.ts).
  let polling: Promise<void> | null = null;
  let webhookProbe: NodeJS.Timeout | undefined;
  const joinTelegram = async (): Promise<void> => {
    const me = await askingMe;
    bot.botInfo = me;
    // The CLI's `invite` prints a t.me link with this name.
    if (me.username && me.username !== knownName) setSetting(db, BOT_USERNAME_KEY, me.username);
    // The menu is set while the bot starts taking updates (one round trip less before the first poll); its
    // failure stops the bot as any joining call's does.
    const menu = Promise.all([
      bot.telegram.setMyCommands(MENU),
      setDashboardMenu(bot.telegram, config.WEB_URL).catch((err: Error) =>
        // Not worth stopping the bot for: /tiendo's button and the address still open the dashboard.
        logger.warn({ error: err.message }, 'the menu button to the dashboard was not set'),
      ),
    ]);
    if (webhook && webhookUrl) {
      // Listening first, so nothing Telegram sends is refused. The webhook stays set when the bot stops:
      // Telegram keeps the updates and retries until the bot is back.
      await Promise.all([
        menu,
        bot.telegram.setWebhook(webhookUrl, {
          secret_token: config.WEBHOOK_SECRET,
          drop_pending_updates: false,
          allowed_updates: [],
        }),
      ]);
      telegramUp = true;
      joined();
      logger.info(
        { bot: me.username, host: config.WEBHOOK_HOST, port: webhook.port },
        'bot started (webhook)',
      );
      // No poll comes back every minute as under long polling: a quiet hour must not read as Telegram lost.
      webhookProbe = setInterval(() => {
        if (health.silentForMs() >= WEBHOOK_PROBE_MS) api('getWebhookInfo', {}).catch(() => undefined);
      }, WEBHOOK_PROBE_MS);
      webhookProbe.unref();
      return;
    }
    // telegraf's launch: deleteWebhook, then its polling loop, which survives an outage by itself; this resolves
    // once the loop has stopped.
    polling = bot.launch({ dropPendingUpdates: false });
    await Promise.all([menu, polling]);
  };

  const exitCode = await new Promise<number>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'stopping');
      resolve(0);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    joinTelegram().then(
      () => {
        if (!webhook) resolve(0);
      },
      (err: unknown) => {
        if (stopping.signal.aborted || err instanceof StoppedError) return;
        logger.fatal({ err }, whyStopped(err, telegramUp));
        resolve(1);
      },
    );
  });

  // Stopping, bounded (docs/architecture.md, "Stopping"): whatever is left past STOP_LIMIT_MS is cut.
  stopping.abort();
  clearInterval(webhookProbe);
  const closeDatabase = () => {
    try {
      flushWrites(db);
    } finally {
      if (db.$client.open) db.$client.close();
      lock.release();
    }
  };
  setTimeout(() => {
    logger.warn({ limitMs: STOP_LIMIT_MS }, 'stop took too long; closing the database now');
    try {
      closeDatabase();
    } catch (err) {
      logger.error({ err }, 'the last writes could not be saved');
    }
    process.exit(exitCode);
  }, STOP_LIMIT_MS).unref();
  // The updates in hand finish (polling stops after them; the webhook answers them), then the sender drops what
  // it has not sent yet: a wait for a 429's retry_after or a retry after a network failure.
  if (polling) {
    try {
      bot.stop('stopping');
    } catch {
      // The loop had not started yet (launch was still on deleteWebhook).
    }
  }
  const inHand = Promise.all([polling, webhook?.close()]);
  // The page's open long polls are closed after a second (server.ts).
  const pageClosed = webServer?.close();
  await within(STOP_GRACE_MS, inHand);
  sender.stop();
  await within(STOP_AFTER_SENDER_MS, inHand);
  await pageClosed;
  await scheduler?.stop();
  await backups?.stop();
  await housekeeping.stop();
  closeDatabase();
  logger.info('stopped');
  return exitCode;
}

main().then(
  // Exits now: a socket or timer of a call that was cut short must not keep the process alive.
  (code) => process.exit(code),
  (err: unknown) => {
    startupLog.fatal({ err }, startupMsg.failed(err instanceof Error ? err.message : String(err)));
    process.exit(1);
  },
);
