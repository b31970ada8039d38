import type { Logger } from 'pino';
import type { Context } from 'telegraf';
import type { Db } from '../db/client.js';
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
}

export interface BotContext extends Context {
  deps: BotDeps;
  flows: FlowRegistry;
  /** What the update did, for the one log line per update. */
  step?: string;
}

export const todayOf = (deps: BotDeps) => isoDateIn(deps.now(), deps.timeZone);
/** This year, in the office's time zone. */
export const thisYearOf = (deps: BotDeps) => Number(todayOf(deps).slice(0, 4));
