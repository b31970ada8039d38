import type { Logger } from 'pino';
import { M } from '../bot/messages.js';
import type { Db } from '../db/client.js';
import { markBlocked } from '../db/repositories/members.js';
import { Sender } from './sender.js';

/** The sender as the bot and the CLI's `remind` configure it: the limits from config, blocked users marked. */
export function createSender(
  limits: {
    SEND_MAX_PER_SECOND: number;
    SEND_MAX_PER_CHAT_PER_SECOND: number;
    SEND_MAX_PER_GROUP_PER_MINUTE: number;
    NODE_ENV?: string;
  },
  db: Db,
  logger: Logger,
  now: () => Date,
): Sender {
  return new Sender({
    perSecond: limits.SEND_MAX_PER_SECOND,
    perChatPerSecond: limits.SEND_MAX_PER_CHAT_PER_SECOND,
    perGroupPerMinute: limits.SEND_MAX_PER_GROUP_PER_MINUTE,
    logger,
    sizes: { strict: limits.NODE_ENV === 'test', fallback: M.tooLongForTelegram, logger },
    onBlocked: (chatId) => {
      // A private chat's id is the user's id; a group (id < 0) has no user to mark.
      if (typeof chatId === 'number' && chatId > 0) markBlocked(db, chatId, now());
      else logger.warn({ chat: chatId }, 'the bot can no longer write to this group');
    },
  });
}
