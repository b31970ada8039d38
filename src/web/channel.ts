import { randomBytes, randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Telegram } from 'telegraf';
import type { Message, Update, User, UserFromGetMe } from 'telegraf/types';
import { type Clock, systemClock } from '../clock.js';

/*
 * The web channel makes the browser a Telegram client: each browser action becomes a Telegram Update for
 * the signed-in user, handled by `bot.handleUpdate` (same handlers, forms, permissions), and the Bot API
 * calls that update makes land in that user's transcript here instead of going to Telegram.
 */

/**
 * Accounts created in the browser get ids in [2^52, 2^53): Telegram user ids have at most 52 significant
 * bits, so no person on Telegram can ever have one, and they stay exact in JavaScript and SQLite.
 * A Telegram user who signs in with `/web` keeps their own id: same users row, same memberships.
 */
export const WEB_USER_ID_BASE = 2 ** 52;
export const newWebUserId = (): number => WEB_USER_ID_BASE + randomInt(2 ** 47);
export const isWebOnlyUser = (id: number): boolean => id >= WEB_USER_ID_BASE;

export type CallApi = Telegram['callApi'];

export interface WebButton {
  text: string;
  data?: string;
  url?: string;
}
export interface WebFile {
  id: string;
  name: string;
  mime: string;
}
export interface WebMessage {
  id: number;
  from: 'bot' | 'user';
  text: string;
  buttons: WebButton[][];
  photo?: WebFile;
  document?: WebFile;
}
export interface WebCommand {
  command: string;
  description: string;
}
export interface Snapshot {
  version: number;
  messages: WebMessage[];
  toasts: string[];
  commands: WebCommand[];
}

/**
 * What the channel keeps (docs/architecture.md, "Limits"): the newest `messages` of each conversation (in the
 * store too), at most `chats` conversations in memory (the least recently used idle one goes back to the store),
 * and the files the bot sent (charts, workbooks), at most `filesPerUser` per person and `fileBytes` in all, the
 * oldest going first. Files live in memory only: after a restart their messages stay, their downloads do not.
 */
export interface WebChannelLimits {
  messages: number;
  chats: number;
  filesPerUser: number;
  fileBytes: number;
}

export const WEB_CHANNEL_LIMITS: WebChannelLimits = {
  messages: 200,
  chats: 500,
  filesPerUser: 20,
  fileBytes: 64 * 1024 * 1024,
};

/** Where conversations are kept across restarts (src/web/store.ts); without one, they live in memory only. */
export interface WebStore {
  load(userId: number): { version: number; lastMessageId: number; messages: WebMessage[] } | null;
  saveMessage(userId: number, m: WebMessage): void;
  dropMessage(userId: number, messageId: number): void;
  saveChat(userId: number, state: { version: number; lastMessageId: number }): void;
}

interface Chat {
  user: User;
  version: number;
  lastMessageId: number;
  messages: WebMessage[];
  toasts: { version: number; text: string }[];
  waiting: Set<() => void>;
  /** Updates of one person are handled one after another, as Telegram delivers them. */
  queue: Promise<void>;
  /** Updates in hand: a busy conversation stays in memory. */
  busy: number;
}

type StoredFile = WebFile & { body: Buffer; userId: number };

function buttonsOf(markup: unknown): WebButton[][] {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return rows.map((row: unknown[]) =>
    row.map((b) => {
      const { text, callback_data, url, web_app } = b as {
        text: string;
        callback_data?: string;
        url?: string;
        web_app?: { url?: string };
      };
      // A Mini App button (the dashboard) is a plain link on the page: the page is already signed in.
      const link = url ?? web_app?.url;
      return { text, ...(callback_data ? { data: callback_data } : {}), ...(link ? { url: link } : {}) };
    }),
  );
}

async function bytesOf(input: unknown): Promise<{ body: Buffer; name: string }> {
  const f = input as { source?: unknown; filename?: string };
  const name = f.filename ?? 'tep';
  const source = f.source;
  if (Buffer.isBuffer(source) || source instanceof Uint8Array) return { body: Buffer.from(source), name };
  if (typeof source === 'string') return { body: await readFile(source), name };
  if (source && typeof (source as AsyncIterable<Buffer>)[Symbol.asyncIterator] === 'function') {
    const parts: Buffer[] = [];
    for await (const chunk of source as AsyncIterable<Buffer>) parts.push(Buffer.from(chunk));
    return { body: Buffer.concat(parts), name };
  }
  throw new TypeError('web channel: unsupported file input');
}

const MIME: Record<string, string> = {
  png: 'image/png',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
};
const mimeOf = (name: string) =>
  MIME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

export class WebChannel {
  /** In order of use, the least recently used first (a Map keeps insertion order). */
  private readonly chats = new Map<number, Chat>();
  /** Every file kept, oldest first, and each person's, oldest first. */
  private readonly files = new Map<string, StoredFile>();
  private readonly filesOf = new Map<number, string[]>();
  private fileBytes = 0;
  private readonly routes = new WeakMap<Update, CallApi>();
  private lastUpdateId = 0;
  private readonly limits: WebChannelLimits;
  private readonly store: WebStore | undefined;
  commands: WebCommand[];

  constructor(
    private readonly botInfo: () => UserFromGetMe | undefined,
    commands: WebCommand[] = [],
    private readonly now: Clock = systemClock,
    options: { store?: WebStore; limits?: Partial<WebChannelLimits> } = {},
  ) {
    this.commands = commands;
    this.store = options.store;
    this.limits = { ...WEB_CHANNEL_LIMITS, ...options.limits };
  }

  /** The conversation in memory, or as the store kept it, or null; made the most recently used. */
  private known(userId: number): Chat | null {
    let c = this.chats.get(userId);
    if (c) this.chats.delete(userId);
    else {
      const kept = this.store?.load(userId);
      if (!kept) return null;
      c = this.fresh({ id: userId, is_bot: false, first_name: '' });
      Object.assign(c, kept);
    }
    this.chats.set(userId, c);
    this.sendAwayIdle();
    return c;
  }

  private fresh(user: User): Chat {
    return {
      user,
      version: 0,
      lastMessageId: 0,
      messages: [],
      toasts: [],
      waiting: new Set(),
      queue: Promise.resolve(),
      busy: 0,
    };
  }

  private chat(user: User): Chat {
    let c = this.known(user.id);
    if (!c) {
      c = this.fresh(user);
      this.chats.set(user.id, c);
      this.sendAwayIdle();
    }
    c.user = user;
    return c;
  }

  /** Past the limit, the least recently used conversations no one waits on leave memory (the store has them). */
  private sendAwayIdle(): void {
    if (this.chats.size <= this.limits.chats) return;
    for (const [id, c] of this.chats) {
      if (c.busy === 0 && c.waiting.size === 0) this.chats.delete(id);
      if (this.chats.size <= this.limits.chats) return;
    }
  }

  private saveState(c: Chat): void {
    this.store?.saveChat(c.user.id, { version: c.version, lastMessageId: c.lastMessageId });
  }

  private changed(c: Chat, m?: WebMessage): void {
    c.version++;
    if (m) this.store?.saveMessage(c.user.id, m);
    this.saveState(c);
    for (const wake of c.waiting) wake();
    c.waiting.clear();
  }

  private push(c: Chat, m: Omit<WebMessage, 'id'>): WebMessage {
    const msg = { id: ++c.lastMessageId, ...m };
    c.messages.push(msg);
    const old = c.messages.length - this.limits.messages;
    if (old > 0) for (const gone of c.messages.splice(0, old)) this.store?.dropMessage(c.user.id, gone.id);
    this.changed(c, msg);
    return msg;
  }

  private keepFile(userId: number, file: StoredFile): void {
    this.files.set(file.id, file);
    this.fileBytes += file.body.length;
    const mine = this.filesOf.get(userId) ?? [];
    mine.push(file.id);
    this.filesOf.set(userId, mine);
    if (mine.length > this.limits.filesPerUser) this.dropFile(mine[0] as string);
    while (this.fileBytes > this.limits.fileBytes && this.files.size > 1)
      this.dropFile(this.files.keys().next().value as string);
  }

  private dropFile(id: string): void {
    const f = this.files.get(id);
    if (!f) return;
    this.files.delete(id);
    this.fileBytes -= f.body.length;
    const mine = this.filesOf.get(f.userId) ?? [];
    mine.splice(mine.indexOf(id), 1);
    if (mine.length === 0) this.filesOf.delete(f.userId);
  }

  /**
   * Negative: never one of Telegram's update ids in the redelivery guard; unique across restarts, so counted from
   * the machine's clock, not the process's (a process started at an earlier CLOCK_START must not reuse ids).
   */
  private nextUpdateId(): number {
    this.lastUpdateId = Math.max(this.lastUpdateId + 1, Date.now() * 1000);
    return -this.lastUpdateId;
  }

  /** How the stored message looks on the wire, as Telegram embeds it in a callback_query. */
  private wire(c: Chat, m: WebMessage): Message.TextMessage {
    const bot = this.botInfo();
    const from: User = { id: bot?.id ?? 0, is_bot: true, first_name: bot?.first_name ?? 'Bot' };
    const inline = m.buttons.map((row) =>
      row.map((b) => (b.url ? { text: b.text, url: b.url } : { text: b.text, callback_data: b.data ?? '' })),
    );
    return {
      message_id: m.id,
      date: Math.floor(this.now().getTime() / 1000),
      chat: { id: c.user.id, type: 'private', first_name: c.user.first_name },
      from: m.from === 'bot' ? from : c.user,
      text: m.text,
      ...(inline.length > 0 ? { reply_markup: { inline_keyboard: inline } } : {}),
    } as Message.TextMessage;
  }

  /** The callApi for the updates this channel made (createBot's `channel` option); undefined for others. */
  readonly route = (update: Update): CallApi | undefined => this.routes.get(update);

  /** A callApi for the bot's own Telegram object when there is no Telegram (sandbox): web chats only. */
  readonly globalApi: CallApi = ((method: string, payload: Record<string, unknown> = {}) => {
    const chat = this.known(Number(payload.chat_id)) ?? undefined;
    return this.apply(chat, method, payload);
  }) as unknown as CallApi;

  private async apply(c: Chat | undefined, method: string, p: Record<string, unknown>): Promise<unknown> {
    const caption = typeof p.caption === 'string' ? p.caption : '';
    switch (method) {
      case 'getMe':
        return this.botInfo();
      case 'setMyCommands':
        this.commands = (p.commands as WebCommand[]) ?? [];
        return true;
      case 'answerCallbackQuery':
        if (c && typeof p.text === 'string' && p.text) {
          c.toasts.push({ version: c.version + 1, text: p.text });
          if (c.toasts.length > 20) c.toasts.shift();
          this.changed(c);
        }
        return true;
    }
    if (!c) return true; // a group or a Telegram chat the sandbox cannot reach
    const target = c.messages.find((m) => m.id === Number(p.message_id));
    switch (method) {
      case 'sendMessage':
        return this.wire(
          c,
          this.push(c, { from: 'bot', text: String(p.text ?? ''), buttons: buttonsOf(p.reply_markup) }),
        );
      case 'sendPhoto':
      case 'sendDocument': {
        const { body, name } = await bytesOf(method === 'sendPhoto' ? p.photo : p.document);
        const file = { id: randomBytes(12).toString('hex'), name, mime: mimeOf(name) };
        this.keepFile(c.user.id, { ...file, body, userId: c.user.id });
        const kind = method === 'sendPhoto' ? 'photo' : 'document';
        const m = this.push(c, {
          from: 'bot',
          text: caption,
          buttons: buttonsOf(p.reply_markup),
          [kind]: file,
        });
        return this.wire(c, m);
      }
      case 'editMessageText':
      case 'editMessageCaption':
      case 'editMessageReplyMarkup':
        if (!target) return true;
        if (method === 'editMessageText') target.text = String(p.text ?? '');
        if (method === 'editMessageCaption') target.text = caption;
        target.buttons = buttonsOf(p.reply_markup);
        this.changed(c, target);
        return this.wire(c, target);
      case 'deleteMessage':
        c.messages = c.messages.filter((m) => m !== target);
        if (target) this.store?.dropMessage(c.user.id, target.id);
        this.changed(c);
        return true;
      default:
        return true; // sendChatAction and the like: nothing to show
    }
  }

  private async handle(
    user: User,
    handleUpdate: (u: Update) => Promise<void>,
    make: (c: Chat, updateId: number) => Update,
  ): Promise<void> {
    const c = this.chat(user);
    c.busy++;
    const run = c.queue.then(async () => {
      const update = make(c, this.nextUpdateId());
      this.routes.set(update, ((method: string, payload: Record<string, unknown>) =>
        this.apply(c, method, payload ?? {})) as unknown as CallApi);
      await handleUpdate(update);
    });
    c.queue = run.catch(() => undefined);
    try {
      await run;
    } finally {
      c.busy--;
    }
  }

  /** The person typed `text` (shown in the transcript unless `hidden`, e.g. a sign-in code). */
  sendText(user: User, text: string, handleUpdate: (u: Update) => Promise<void>, hidden = false) {
    return this.handle(user, handleUpdate, (c, update_id) => {
      const shown = hidden
        ? { id: ++c.lastMessageId, from: 'user' as const, text, buttons: [] }
        : this.push(c, { from: 'user', text, buttons: [] });
      if (hidden) this.saveState(c);
      const message = this.wire(c, shown);
      const command = /^\/[A-Za-z0-9_]+/.exec(text);
      if (command) message.entities = [{ type: 'bot_command', offset: 0, length: command[0].length }];
      return { update_id, message } as Update;
    });
  }

  /** The person pressed a button of a message shown here; false when there is no such button. */
  async press(user: User, messageId: number, data: string, handleUpdate: (u: Update) => Promise<void>) {
    const c = this.chat(user);
    const m = c.messages.find((x) => x.id === messageId && x.from === 'bot');
    if (!m?.buttons.some((row) => row.some((b) => b.data === data))) return false;
    await this.handle(user, handleUpdate, (_, update_id) => ({
      update_id,
      callback_query: {
        id: `web-${update_id}`,
        from: c.user,
        message: this.wire(c, m),
        chat_instance: `web-${c.user.id}`,
        data,
      },
    }));
    return true;
  }

  /**
   * A message the bot sends on its own (the daily reminder) to someone who only uses the page: kept in the
   * page's transcript while the bot runs. Its buttons are pressed like any other.
   */
  notify(userId: number, text: string, buttons: WebButton[][]): void {
    const c = this.known(userId) ?? this.chat({ id: userId, is_bot: false, first_name: '' });
    this.push(c, { from: 'bot', text, buttons });
  }

  snapshot(userId: number, sinceVersion = -1): Snapshot {
    const c = this.known(userId);
    if (!c) return { version: 0, messages: [], toasts: [], commands: this.commands };
    return {
      version: c.version,
      messages: c.messages,
      // A page that has seen nothing yet (a reload) is not shown old toasts.
      toasts: sinceVersion < 0 ? [] : c.toasts.filter((t) => t.version > sinceVersion).map((t) => t.text),
      commands: this.commands,
    };
  }

  /** Resolves when the transcript is newer than `version`, or after `ms`. */
  waitForChange(userId: number, version: number, ms: number): Promise<void> {
    const c = this.known(userId);
    if (!c || c.version !== version) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        c.waiting.delete(wake);
        resolve();
      }, ms);
      // A waiting page must not keep the process alive when the server stops.
      timer.unref();
      c.waiting.add(wake);
    });
  }

  file(userId: number, fileId: string): (WebFile & { body: Buffer }) | undefined {
    const f = this.files.get(fileId);
    return f?.userId === userId ? f : undefined;
  }
}
