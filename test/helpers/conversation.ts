import type { Chat, User } from 'telegraf/types';
import type { FakeBotApi } from './fake-bot-api.js';
import {
  callbackQuery,
  documentMessage,
  type NewUpdate,
  photoMessage,
  type SentMessage,
  stickerMessage,
  textMessage,
} from './updates.js';

/**
 * One person talking to the bot in one chat, step by step: each step waits until the bot has
 * finished the update (confirmed it), then returns what the bot sent in answer.
 */
export class Conversation {
  constructor(
    readonly api: FakeBotApi,
    readonly from: User,
    readonly chat: Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat,
    /** A topic of a group with topics (forumChat): what is said goes there, and only its messages are seen. */
    readonly topic?: number,
  ) {}

  all(): SentMessage[] {
    const all = this.api.sentTo(this.chat.id);
    return this.topic === undefined ? all : all.filter((m) => m.message_thread_id === this.topic);
  }

  /** The last message the bot sent here (in its current, possibly edited, state). */
  last(): SentMessage {
    const m = this.all().at(-1);
    if (!m) throw new Error(`the bot sent nothing to chat ${this.chat.id}`);
    return m;
  }

  lastText(): string {
    return this.last().text ?? '';
  }

  /** The texts of the messages the bot sent in answer. */
  async push(update: NewUpdate): Promise<string[]> {
    const before = this.all().length;
    const id = this.api.pushUpdate(update);
    await this.api.waitForProcessed(id);
    return this.all()
      .slice(before)
      .map((m) => m.text ?? m.caption ?? '');
  }

  say(text: string): Promise<string[]> {
    const inTopic =
      this.topic === undefined ? {} : { message_thread_id: this.topic, is_topic_message: true as const };
    return this.push(textMessage(this.from, this.chat, text, inTopic));
  }

  photo(): Promise<string[]> {
    return this.push(photoMessage(this.from, this.chat));
  }

  /** Sends a file (its bytes held by the fake, as Telegram holds an upload). */
  sendFile(data: Buffer, fileName: string): Promise<string[]> {
    return this.push(documentMessage(this.from, this.chat, this.api.addFile(data, fileName)));
  }

  sticker(): Promise<string[]> {
    return this.push(stickerMessage(this.from, this.chat));
  }

  /**
   * Presses a button on `message` (default: the last message that has buttons). Returns the texts of the
   * messages the bot sent in answer; when it answered by editing messages only (e.g. the answered question
   * turned into the next one), the texts of those, as they now read.
   */
  async press(label: string | RegExp, message = this.lastWithButtons()): Promise<string[]> {
    const all = this.all();
    const before = all.length;
    const versions = new Map(all.map((m) => [m.message_id, version(m)]));
    const { updateId } = this.api.clickButton(this.from, this.chat.id, message, label);
    await this.api.waitForProcessed(updateId);
    const after = this.all();
    const added = after.slice(before);
    const answer = added.length > 0 ? added : after.filter((m) => versions.get(m.message_id) !== version(m));
    return answer.map((m) => m.text ?? '');
  }

  /** Sends callback data as a (possibly forged or outdated) client would, on `message`. */
  pressData(data: string, message: SentMessage = this.last()): Promise<string[]> {
    return this.push(callbackQuery(this.from, this.chat, message, data));
  }

  lastWithButtons(): SentMessage {
    const m = [...this.all()].reverse().find((x) => this.api.buttons(x).length > 0);
    if (!m) throw new Error('no message with buttons in this chat');
    return m;
  }

  buttonLabels(message = this.last()): string[] {
    return this.api.buttons(message).map((b) => b.text);
  }

  /** The answerCallbackQuery texts the bot gave (toasts), newest last. */
  toasts(): string[] {
    return this.api.callsOf('answerCallbackQuery').map((c) => String(c.payload.text ?? ''));
  }
}

/** What a message reads and offers now: changes when the bot edits it. */
const version = (m: SentMessage) => JSON.stringify([m.text, m.caption, m.reply_markup, m.edit_date]);
