import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './schema.js';

/* The web channel (src/web/): a browser signed in as a users row. */

/** A signed-in browser: the cookie holds `id` (random, 32 bytes hex); expired rows are pruned at start. */
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

/** A one-time code `/web` gives a Telegram user, to sign in to the page as the same user. */
export const webSignInCodes = sqliteTable('web_sign_in_codes', {
  code: text('code').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  usedAt: integer('used_at', { mode: 'timestamp_ms' }),
});
