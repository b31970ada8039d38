import type { Db } from '../db/client.js';
import type { CallApi } from '../telegram/bot-api.js';

/** Everything a command touches, passed in so tests run commands in-process with a fixed clock. */
export interface CliContext {
  db: Db;
  out: (line: string) => void;
  err: (line: string) => void;
  now: Date;
  timeZone: string;
  telegram: {
    token?: string;
    apiRoot?: string;
    proxy?: string;
    /** The Bot API; by default the bot's own client over token, apiRoot and proxy (src/telegram/bot-api.ts). */
    api?: CallApi;
  };
  /** For `remind`: the office's reminder days and Telegram's sending limits (config). */
  reminders?: {
    weekdays: readonly number[];
    limits: {
      SEND_MAX_PER_SECOND: number;
      SEND_MAX_PER_CHAT_PER_SECOND: number;
      SEND_MAX_PER_GROUP_PER_MINUTE: number;
    };
  };
}

/** A failure the administrator can fix; exit code 1, or 2 for a command typed wrong. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}
