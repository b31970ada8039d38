import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { flushWrites, pendingWrites } from '../deferred.js';
import { preparedPerDb } from '../prepared.js';
import { webChats, webMessages } from '../schema-web.js';

/*
 * The web page's conversations (src/web/channel.ts), kept so that a restart does not empty them. Every change
 * of a page is written with the turn's other deferred writes (../deferred.ts): a page changes on every message
 * and button, and a commit each was what made form steps slow before.
 */

export interface WebChatState {
  version: number;
  lastMessageId: number;
}

export interface StoredWebChat extends WebChatState {
  /** Oldest first; `body` as it was saved (the channel's message without its id). */
  messages: { id: number; body: unknown }[];
}

const upsertMessage = preparedPerDb((db) =>
  db
    .insert(webMessages)
    .values({
      userId: sql.placeholder('userId'),
      messageId: sql.placeholder('messageId'),
      body: sql.placeholder('body'),
    })
    .onConflictDoUpdate({
      target: [webMessages.userId, webMessages.messageId],
      set: { body: sql`excluded.body` },
    })
    .prepare(),
);

const deleteMessage = preparedPerDb((db) =>
  db
    .delete(webMessages)
    .where(
      and(
        eq(webMessages.userId, sql.placeholder('userId')),
        eq(webMessages.messageId, sql.placeholder('messageId')),
      ),
    )
    .prepare(),
);

const upsertChat = preparedPerDb((db) =>
  db
    .insert(webChats)
    .values({
      userId: sql.placeholder('userId'),
      version: sql.placeholder('version'),
      lastMessageId: sql.placeholder('lastMessageId'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .onConflictDoUpdate({
      target: webChats.userId,
      set: {
        version: sql`excluded.version`,
        lastMessageId: sql`excluded.last_message_id`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .prepare(),
);

/** A message's newest content, or null once it is dropped; keyed `userId:messageId`. */
const pendingMessages = pendingWrites<string, { userId: number; messageId: number; body: string | null }>(
  (db) => {
    const [upsert, remove] = [upsertMessage(db), deleteMessage(db)];
    return (_key, m) => (m.body === null ? remove.run(m) : upsert.run(m));
  },
);

const pendingChats = pendingWrites<number, WebChatState & { updatedAt: Date }>((db) => {
  const upsert = upsertChat(db);
  return (userId, c) => upsert.run({ userId, ...c });
});

export function saveWebMessage(db: Db, userId: number, messageId: number, body: object): void {
  pendingMessages.set(db, `${userId}:${messageId}`, { userId, messageId, body: JSON.stringify(body) });
}

export function dropWebMessage(db: Db, userId: number, messageId: number): void {
  pendingMessages.set(db, `${userId}:${messageId}`, { userId, messageId, body: null });
}

export function saveWebChat(db: Db, userId: number, state: WebChatState, now: Date): void {
  pendingChats.set(db, userId, {
    version: state.version,
    lastMessageId: state.lastMessageId,
    updatedAt: now,
  });
}

/** A user's conversation as last saved (what is still pending included), or null. */
export function loadWebChat(db: Db, userId: number): StoredWebChat | null {
  flushWrites(db);
  const chat = db
    .select({ version: webChats.version, lastMessageId: webChats.lastMessageId })
    .from(webChats)
    .where(eq(webChats.userId, userId))
    .get();
  if (!chat) return null;
  const rows = db
    .select({ id: webMessages.messageId, body: webMessages.body })
    .from(webMessages)
    .where(eq(webMessages.userId, userId))
    .orderBy(asc(webMessages.messageId))
    .all();
  return { ...chat, messages: rows.map((r) => ({ id: r.id, body: JSON.parse(r.body) as unknown })) };
}

/** Forgets the conversations no one has touched since `before`; how many. */
export function pruneWebChats(db: Db, before: Date): number {
  flushWrites(db);
  return db.transaction(() => {
    const idle = db.select({ userId: webChats.userId }).from(webChats).where(lt(webChats.updatedAt, before));
    db.delete(webMessages).where(inArray(webMessages.userId, idle)).run();
    return db.delete(webChats).where(lt(webChats.updatedAt, before)).run().changes;
  });
}
