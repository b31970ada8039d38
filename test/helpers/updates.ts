import type { Chat, Message, MessageEntity, Update, User } from 'telegraf/types';
import { testClock } from './instant.js';

/** An update before the fake Bot API gives it its `update_id`. */
export type NewUpdate = Update extends infer U ? (U extends Update ? Omit<U, 'update_id'> : never) : never;

/** A message from a user, as it appears in a `message` update. */
type Incoming<M extends Message> = Update.New & Update.NonChannel & M;
/** Chats users write in (channels post without a sender, so they are not covered). */
export type UserChat = Update.NonChannel['chat'];

/** A message as the bot sent it and the fake stores it (same shape Telegram returns from send* methods). */
export interface SentMessage extends Message.CommonMessage {
  from: User;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  photo?: Message.PhotoMessage['photo'];
  document?: Message.DocumentMessage['document'];
}

// One counter for every message id in the process (incoming and bot-sent): ids only grow, as in a Telegram chat.
let lastMessageId = 0;
export const nextMessageId = (): number => ++lastMessageId;
let lastQueryId = 0;
export const unixNow = (): number => Math.floor(testClock().getTime() / 1000);

export function user(id: number, firstName = `User${id}`, extra: Partial<User> = {}): User {
  return { id, is_bot: false, first_name: firstName, language_code: 'vi', ...extra };
}

export function privateChat(u: User): Chat.PrivateChat {
  return {
    id: u.id,
    type: 'private',
    first_name: u.first_name,
    ...(u.last_name === undefined ? {} : { last_name: u.last_name }),
    ...(u.username === undefined ? {} : { username: u.username }),
  };
}

/** Groups have negative ids in Telegram; supergroups look like -100xxxxxxxxxx. */
export function groupChat(
  id: number,
  title: string,
  type: 'group' | 'supergroup' = 'group',
): Chat.GroupChat | Chat.SupergroupChat {
  return type === 'group' ? { id, type, title } : { id, type, title };
}

/** A supergroup with topics (a forum); its messages in a topic carry message_thread_id and is_topic_message. */
export function forumChat(id: number, title: string): Chat.SupergroupChat {
  return { id, type: 'supergroup', title, is_forum: true };
}

/** `bot_command` entities for every `/command` or `/command@bot` at a word start, as Telegram marks them. */
export function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const m of text.matchAll(/(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?=$|\s|[.,!?;:])/g)) {
    const offset = (m.index ?? 0) + (m[1]?.length ?? 0);
    entities.push({ type: 'bot_command', offset, length: m[2]?.length ?? 0 });
  }
  return entities;
}

function base(from: User, chat: UserChat) {
  return { message_id: nextMessageId(), from, chat, date: unixNow() };
}

export function textMessage(
  from: User,
  chat: UserChat,
  text: string,
  extra: Partial<Incoming<Message.TextMessage>> = {},
): NewUpdate {
  const entities = commandEntities(text);
  const message: Incoming<Message.TextMessage> = {
    ...base(from, chat),
    text,
    ...(entities.length > 0 ? { entities } : {}),
    ...extra,
  };
  return { message };
}

export function photoMessage(from: User, chat: UserChat, caption?: string): NewUpdate {
  const id = nextMessageId();
  const size = (w: number, h: number, file_size: number) => ({
    file_id: `photo-${id}-${w}`,
    file_unique_id: `uphoto-${id}-${w}`,
    width: w,
    height: h,
    file_size,
  });
  const message: Incoming<Message.PhotoMessage> = {
    ...base(from, chat),
    photo: [size(90, 67, 1200), size(320, 240, 15_000), size(1280, 960, 120_000)],
    ...(caption === undefined ? {} : { caption }),
  };
  return { message };
}

/** A file a user sends (the fake Bot API holds its bytes: FakeBotApi.addFile). */
export function documentMessage(
  from: User,
  chat: UserChat,
  document: Message.DocumentMessage['document'],
): NewUpdate {
  const message: Incoming<Message.DocumentMessage> = { ...base(from, chat), document };
  return { message };
}

export function stickerMessage(from: User, chat: UserChat, emoji = '👍'): NewUpdate {
  const message: Incoming<Message.StickerMessage> = {
    ...base(from, chat),
    sticker: {
      file_id: `sticker-${lastMessageId}`,
      file_unique_id: `usticker-${lastMessageId}`,
      type: 'regular',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji,
    },
  };
  return { message };
}

/** A press on an inline button of `message` (a message the bot sent, as the fake recorded it). */
export function callbackQuery(from: User, chat: Chat, message: SentMessage, data: string): NewUpdate {
  // The record is already the wire shape Telegram would embed; only the chat may be overridden.
  const embedded = { ...message, chat } as Message.TextMessage;
  return {
    callback_query: {
      id: `cbq-${++lastQueryId}`,
      from,
      message: embedded,
      chat_instance: `ci-${chat.id}`,
      data,
    },
  };
}
