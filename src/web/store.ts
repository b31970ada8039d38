import type { Db } from '../db/client.js';
import { dropWebMessage, loadWebChat, saveWebChat, saveWebMessage } from '../db/repositories/web-chats.js';
import type { WebMessage, WebStore } from './channel.js';

/** The web channel's conversations in SQLite (web_chats, web_messages): a restart does not empty a page. */
export function sqliteWebStore(db: Db, now: () => Date): WebStore {
  return {
    load(userId) {
      const kept = loadWebChat(db, userId);
      if (!kept) return null;
      const messages = kept.messages.map((m) => ({ ...(m.body as Omit<WebMessage, 'id'>), id: m.id }));
      return { version: kept.version, lastMessageId: kept.lastMessageId, messages };
    },
    saveMessage: (userId, { id, ...body }) => saveWebMessage(db, userId, id, body),
    dropMessage: (userId, messageId) => dropWebMessage(db, userId, messageId),
    saveChat: (userId, state) => saveWebChat(db, userId, state, now()),
  };
}
