import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './schema.js';

/* The web channel (src/web/): a browser signed in as a users row. */

/**
 * A signed-in browser: the cookie holds a random id (32 bytes hex), `id` its sha256 (hex), so a copy of the
 * database signs nobody in (repositories/web-sessions.ts, secretHash); expired rows are pruned at start.
 */
export const webSessions = sqliteTable(
  'web_sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('web_sessions_expires_idx').on(t.expiresAt)],
);

/** A one-time code `/web` gives a Telegram user, to sign in to the page as the same user; `code` is its sha256 (hex). */
export const webSignInCodes = sqliteTable('web_sign_in_codes', {
  code: text('code').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  usedAt: integer('used_at', { mode: 'timestamp_ms' }),
});

/**
 * The page's conversation of one user (src/web/channel.ts), so that a restart does not empty it: its version
 * (which a page waiting on a long poll compares) and its last message id go on from where they were. No foreign
 * key: these rows are written with the turn's deferred writes (src/db/deferred.ts), which one bad row must not stop.
 */
export const webChats = sqliteTable(
  'web_chats',
  {
    userId: integer('user_id').primaryKey(),
    version: integer('version').notNull(),
    lastMessageId: integer('last_message_id').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('web_chats_updated_idx').on(t.updatedAt)],
);

/** The messages of a page's conversation, the newest 200 of each user: JSON as the page shows them. */
export const webMessages = sqliteTable(
  'web_messages',
  {
    userId: integer('user_id').notNull(),
    messageId: integer('message_id').notNull(),
    body: text('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.messageId] })],
);
