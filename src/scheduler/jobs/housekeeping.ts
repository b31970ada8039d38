import type { Db } from '../../db/client.js';
import { dropFormsOlderThan } from '../../db/repositories/forms.js';
import { pruneProcessed } from '../../db/repositories/processed-updates.js';
import { pruneWebChats } from '../../db/repositories/web-chats.js';
import { pruneWebSessions, pruneWebSignInCodes } from '../../db/repositories/web-sessions.js';

const DAY = 86_400_000;
/** Forms untouched this long are dropped (the person has moved on). */
const FORM_DAYS = 30;
/** Telegram redelivers an update for at most a day; a week of marks is plenty. */
const PROCESSED_DAYS = 7;
/** A page's conversation no one has looked at or written to for this long is forgotten. */
export const WEB_CHAT_DAYS = 90;

/**
 * What grows while the bot runs and is of no use past a while (docs/architecture.md, "Limits"): run at start
 * and every hour. How many rows each prune removed.
 */
export function runHousekeeping(db: Db, now: Date) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  return {
    forms: dropFormsOlderThan(db, ago(FORM_DAYS)),
    processedUpdates: pruneProcessed(db, ago(PROCESSED_DAYS)),
    webSessions: pruneWebSessions(db, now),
    signInCodes: pruneWebSignInCodes(db, now),
    webChats: pruneWebChats(db, ago(WEB_CHAT_DAYS)),
  };
}
