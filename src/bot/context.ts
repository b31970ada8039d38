import type { Logger } from 'pino';
import type { Context } from 'telegraf';
import type { Db } from '../db/client.js';
import { Throttle } from '../domain/throttle.js';
import { isoDateIn } from '../domain/vn.js';
import type { Sender } from '../telegram/sender.js';
import type { FlowRegistry } from './forms/runner.js';

/** What every handler may use; put on the context by the first middleware. */
export interface BotDeps {
  db: Db;
  logger: Logger;
  timeZone: string;
  adminIds: readonly number[];
  /** The clock: a parameter, so tests can fix it. */
  now: () => Date;
  /** Every Bot API call to a chat goes through it: Telegram's limits, retries, blocked users. */
  sender: Sender;
  /** WEB_URL, the web page's public address: over https, /tiendo opens the dashboard as a Mini App. */
  webUrl?: string;
  /** A file a user sent, by getFile's path (bot-api.ts); absent where there is no Telegram (the sandbox). */
  download?: (filePath: string) => Promise<Buffer>;
}

/** What the bot counts per user while it runs (docs/architecture.md, "Limits"). */
export interface BotLimits {
  /** Wrong invite codes (`/start <mã>`), on Telegram and on the web page alike. */
  invites: Throttle;
  /** `/web` sign-in codes asked for. */
  webCodes: Throttle;
}

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/** Five wrong codes in 10 minutes: 5 minutes' wait, doubled each time, up to a day. */
export const INVITE_LIMIT = { max: 5, windowMs: 10 * MINUTE, lockMs: 5 * MINUTE, maxLockMs: DAY };
/** Five `/web` codes in 15 minutes (each is good for 15): 15 minutes' wait, doubled each time, up to a day. */
export const WEB_CODE_LIMIT = { max: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: DAY };

export const newBotLimits = (): BotLimits => ({
  invites: new Throttle(INVITE_LIMIT),
  webCodes: new Throttle(WEB_CODE_LIMIT),
});

export interface BotContext extends Context {
  deps: BotDeps;
  flows: FlowRegistry;
  limits: BotLimits;
  /** What the update did, for the one log line per update. */
  step?: string;
}

export const todayOf = (deps: BotDeps) => isoDateIn(deps.now(), deps.timeZone);
/** This year, in the office's time zone. */
export const thisYearOf = (deps: BotDeps) => Number(todayOf(deps).slice(0, 4));
