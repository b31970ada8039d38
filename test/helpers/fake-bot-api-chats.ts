/** The fake Bot API's memory of chats and of the messages the bot sent, with Telegram's send/edit/delete rules. */
import type { Chat, User } from 'telegraf/types';
import { ApiFailure } from './fake-bot-api-format.js';
import { captionText, inlineKeyboard, messageText } from './fake-bot-api-rules.js';
import type { FileRef } from './fake-bot-api-wire.js';
import { type NewUpdate, nextMessageId, type SentMessage, unixNow } from './updates.js';

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
  web_app?: { url: string };
}

/** Flat list of a message's inline buttons, row by row. */
export function buttons(message: Pick<SentMessage, 'reply_markup'> | undefined): InlineButton[] {
  return (message?.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({
    text: b.text,
    ...('callback_data' in b ? { callback_data: b.callback_data } : {}),
    ...('url' in b ? { url: b.url } : {}),
    ...('web_app' in b && b.web_app ? { web_app: { url: b.web_app.url } } : {}),
  }));
}

const badRequest = (why: string) => new ApiFailure(400, `Bad Request: ${why}`);
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

function fileObject(kind: string, id: number, value: unknown): Record<string, unknown> {
  const ref = value && typeof value === 'object' ? (value as Partial<FileRef>) : undefined;
  const file_id = typeof value === 'string' ? value : `sent-${kind}-${id}`;
  const common = { file_id, file_unique_id: `u${file_id}`, file_size: ref?.size ?? 0 };
  if (kind === 'photo') return { ...common, width: 1280, height: 960 };
  return { ...common, file_name: ref?.filename ?? `${kind}-${id}`, mime_type: ref?.contentType };
}

export class ChatStore {
  readonly chats = new Map<number, Chat>();
  private readonly messages = new Map<number, SentMessage[]>();
  private readonly blocked = new Set<number>();
  /** Topics of groups with topics (forums), as the updates the bot was given show them. */
  private readonly topics = new Map<number, Set<number>>();

  constructor(
    private readonly bot: () => User,
    private readonly unknownChats: 'create' | 'reject',
  ) {}

  rememberUpdate(update: NewUpdate): void {
    const chats = [
      'message' in update ? update.message.chat : undefined,
      'callback_query' in update ? update.callback_query.message?.chat : undefined,
    ];
    for (const chat of chats) if (chat && !this.chats.has(chat.id)) this.chats.set(chat.id, chat);
    const m =
      'message' in update
        ? (update.message as { is_topic_message?: boolean; message_thread_id?: number })
        : null;
    if (m?.is_topic_message && m.message_thread_id !== undefined && 'message' in update) {
      const chatId = update.message.chat.id;
      const known = this.topics.get(chatId) ?? new Set<number>();
      known.add(m.message_thread_id);
      this.topics.set(chatId, known);
    }
  }

  /** Telegram's rule: message_thread_id names a topic of a group with topics, or the call is refused. */
  private topic(chat: Chat, threadId: unknown): number | undefined {
    if (threadId === undefined) return undefined;
    const forum = chat.type === 'supergroup' && chat.is_forum === true;
    if (!forum || typeof threadId !== 'number' || !this.topics.get(chat.id)?.has(threadId))
      throw badRequest('message thread not found');
    return threadId;
  }

  setBlocked(chatId: number, blocked: boolean): void {
    if (blocked) this.blocked.add(chatId);
    else this.blocked.delete(chatId);
  }

  chat(chatId: unknown): Chat {
    const id = typeof chatId === 'string' && /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
    if (typeof id !== 'number') throw badRequest('chat not found');
    const known = this.chats.get(id);
    if (this.blocked.has(id)) {
      const where =
        known?.type === 'private' || id > 0
          ? 'bot was blocked by the user'
          : 'bot was kicked from the group chat';
      throw new ApiFailure(403, `Forbidden: ${where}`);
    }
    if (known) return known;
    if (this.unknownChats === 'reject') throw badRequest('chat not found');
    const created: Chat =
      id > 0 ? { id, type: 'private', first_name: `User${id}` } : { id, type: 'group', title: `Group ${id}` };
    this.chats.set(id, created);
    return created;
  }

  sentTo(chatId: number): SentMessage[] {
    return [...(this.messages.get(chatId) ?? [])];
  }

  find(chatId: number, messageId: number): SentMessage | undefined {
    return this.messages.get(chatId)?.find((m) => m.message_id === messageId);
  }

  /** sendMessage and the send<Media> family. */
  send(method: string, p: Record<string, unknown>): SentMessage {
    const chat = this.chat(p.chat_id);
    const thread = this.topic(chat, p.message_thread_id);
    const message: SentMessage = { message_id: nextMessageId(), from: this.bot(), chat, date: unixNow() };
    if (thread !== undefined) Object.assign(message, { message_thread_id: thread, is_topic_message: true });
    if (method === 'sendMessage') {
      message.text = messageText(p.text, p.parse_mode);
    } else {
      const kind = method.slice(4).toLowerCase(); // sendPhoto → photo
      const file = fileObject(kind, message.message_id, p[kind]);
      Object.assign(message, { [kind]: kind === 'photo' ? [file] : file });
      if (p.caption !== undefined) message.caption = captionText(p.caption, p.parse_mode);
    }
    // Messages carry only inline keyboards; reply keyboards live on the client, not on the message.
    const markup = inlineKeyboard(p.reply_markup, false, chat.type);
    if (markup) message.reply_markup = markup;
    const list = this.messages.get(chat.id) ?? [];
    list.push(message);
    this.messages.set(chat.id, list);
    return message;
  }

  /** editMessageText, editMessageCaption, editMessageReplyMarkup. Leaving out reply_markup removes the keyboard. */
  edit(method: string, p: Record<string, unknown>): SentMessage | true {
    if (p.inline_message_id !== undefined) return true;
    const chat = this.chat(p.chat_id);
    const message = this.find(chat.id, Number(p.message_id));
    if (!message) throw badRequest('message to edit not found');
    const next: SentMessage = { ...message };
    if (method === 'editMessageText') {
      if (message.text === undefined) throw badRequest('there is no text in the message to edit');
      next.text = messageText(p.text, p.parse_mode);
    } else if (method === 'editMessageCaption') {
      if (message.text !== undefined) throw badRequest('there is no caption in the message to edit');
      const caption = captionText(p.caption, p.parse_mode);
      if (caption) next.caption = caption;
      else delete next.caption;
    }
    const markup = inlineKeyboard(p.reply_markup, true, chat.type);
    if (markup) next.reply_markup = markup;
    else delete next.reply_markup;
    const same = (m: SentMessage) =>
      JSON.stringify([m.text, m.caption, m.reply_markup?.inline_keyboard ?? []]);
    if (same(next) === same(message)) throw badRequest(NOT_MODIFIED);
    next.edit_date = unixNow();
    // Edit in place, so a message object a test holds shows the current state.
    for (const key of Object.keys(message)) Reflect.deleteProperty(message, key);
    return Object.assign(message, next);
  }

  delete(p: Record<string, unknown>): true {
    const list = this.messages.get(this.chat(p.chat_id).id) ?? [];
    const index = list.findIndex((m) => m.message_id === Number(p.message_id));
    if (index === -1) throw badRequest('message to delete not found');
    list.splice(index, 1);
    return true;
  }
}
