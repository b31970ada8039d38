/**
 * A loopback fake of the Telegram Bot API (node:http only) for running the real bot end to end.
 * Long polling behaves like Telegram's: updates stay until a later `offset` confirms them, so a bot that
 * crashes mid-batch gets the batch again; a second concurrent poll ends the first with 409 Conflict.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Update, User, UserFromGetMe } from 'telegraf/types';
import { buttons, ChatStore, type InlineButton } from './fake-bot-api-chats.js';
import { Faults, type InjectedError, RateLimiter, type RateLimits } from './fake-bot-api-faults.js';
import { ApiFailure } from './fake-bot-api-format.js';
import { UpdateQueue } from './fake-bot-api-polling.js';
import {
  type CheckedFake,
  describePayload,
  liveFakes,
  ProblemLog,
  type RefusalMatch,
} from './fake-bot-api-problems.js';
import {
  type BotCommand,
  botCommands,
  checkCallbackAnswer,
  type MenuButton,
  menuButton,
  Refusal,
} from './fake-bot-api-rules.js';
import { describeCalls, describeMessages, waitUntil } from './fake-bot-api-wait.js';
import { type ApiCall, decodeBody, readBody, settle, writeAnswer } from './fake-bot-api-wire.js';
import { callbackQuery, type NewUpdate, type SentMessage, textMessage, type UserChat } from './updates.js';

export { buttons, type InlineButton } from './fake-bot-api-chats.js';
export type { InjectedError, RateLimits } from './fake-bot-api-faults.js';
export { ApiFailure } from './fake-bot-api-format.js';
export type { RefusalMatch, RuleRefusal } from './fake-bot-api-problems.js';
export type { ApiCall, FileRef, UploadedFile } from './fake-bot-api-wire.js';

/** The fake token the bot child process gets; its numeric prefix is the bot's user id. */
export const TEST_TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';

export interface FakeBotApiOptions {
  token?: string;
  username?: string;
  firstName?: string;
  /** 'create' (default) invents a chat for an unknown chat_id; 'reject' answers 400 chat not found. */
  unknownChats?: 'create' | 'reject';
}

export type MessageMatch = RegExp | string | ((message: SentMessage) => boolean);
export type Handler = (payload: Record<string, unknown>) => unknown;

const STALE_QUERY = 'query is too old and response timeout expired or query ID is invalid';

let fakesMade = 0;

export class FakeBotApi implements CheckedFake {
  readonly token: string;
  readonly label = `FakeBotApi #${++fakesMade}`;
  readonly botUser: UserFromGetMe;
  readonly calls: ApiCall[] = [];
  readonly chats: ChatStore;
  readonly faults = new Faults();
  readonly updates = new UpdateQueue();
  /** Refusals by Telegram's rules and unanswered presses: checked after every test (test/helpers/setup-fake-checks.ts). */
  readonly log = new ProblemLog();

  private readonly server = createServer((req, res) => {
    this.onRequest(req, res).catch((err: Error) => writeAnswer(res, new ApiFailure(500, err.message)));
  });
  private readonly events = new EventEmitter().setMaxListeners(0);
  private readonly handlers = new Map<string, Handler>();
  /** Files users sent, by file_id: getFile gives their path, /file/bot<token>/<path> their bytes. */
  private readonly files = new Map<string, { path: string; data: Buffer }>();
  private commands: BotCommand[] = [];
  /** setChatMenuButton without a chat: every private chat's default; with one, that chat's. */
  menuButton: MenuButton = { type: 'default' };
  readonly menuButtons = new Map<number, MenuButton>();
  private limiter: RateLimiter | undefined;
  private isStopped = false;

  constructor(options: FakeBotApiOptions = {}) {
    this.token = options.token ?? TEST_TOKEN;
    this.botUser = {
      id: Number(this.token.split(':')[0]),
      is_bot: true,
      first_name: options.firstName ?? 'Test Bot',
      username: options.username ?? 'test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
    this.chats = new ChatStore(() => this.botUser, options.unknownChats ?? 'create');
    // For the vitest setup file's checks; a benchmark's fakes are not kept alive for them.
    if (process.env.VITEST) liveFakes().add(this);
  }

  /** Listens on `port` (0: a free one; a given one lets a test bring "Telegram" up after the bot started). */
  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers pending long polls with [], closes every socket and rejects pending waits. */
  async stop(): Promise<void> {
    if (this.isStopped) return;
    this.isStopped = true;
    this.updates.releaseAll();
    this.events.emit('stop');
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  // ---- updates -------------------------------------------------------------------------------------------

  /** Updates not yet confirmed by a getUpdates offset. */
  get pending(): Update[] {
    return this.updates.pending;
  }

  /** The highest offset a getUpdates call has confirmed (0 until the first confirmation). */
  get confirmedOffset(): number {
    return this.updates.confirmedOffset;
  }

  pushUpdate(update: NewUpdate): number {
    const [id] = this.pushUpdates([update]);
    return id as number;
  }

  /** Several updates at once: a waiting poll receives them as one batch. */
  pushUpdates(updates: NewUpdate[]): number[] {
    for (const u of updates) this.chats.rememberUpdate(u);
    const full = this.updates.push(updates);
    for (const u of full) this.log.pushed(u);
    return full.map((u) => u.update_id);
  }

  /** A user typing `text` in `chat`. */
  pushText(from: User, chat: UserChat, text: string): number {
    return this.pushUpdate(textMessage(from, chat, text));
  }

  /** Resolves once the bot has confirmed the update (asked for updates past it): it has finished handling it. */
  waitForProcessed(updateId: number, timeoutMs = 10_000): Promise<number> {
    const probe = () => (this.confirmedOffset > updateId ? this.confirmedOffset : undefined);
    return this.until(probe, timeoutMs, () => `update ${updateId} to be confirmed`);
  }

  /** How many getUpdates answers carried this update (a redelivery after a crash makes it 2). */
  timesDelivered(updateId: number): number {
    const carries = (c: ApiCall) =>
      Array.isArray(c.result) && c.result.some((u: Update) => u.update_id === updateId);
    return this.callsOf('getUpdates').filter(carries).length;
  }

  // ---- what the bot sent ---------------------------------------------------------------------------------

  sentTo(chatId: number): SentMessage[] {
    return this.chats.sentTo(chatId);
  }

  lastSentTo(chatId: number): SentMessage | undefined {
    return this.chats.sentTo(chatId).at(-1);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  buttons(message: SentMessage | undefined): InlineButton[] {
    return buttons(message);
  }

  /**
   * Resolves with the first call matching `predicate`. A call counts once answered, so the fake's state
   * (sentTo etc.) already reflects it; getUpdates counts once received, as its answer may take the whole poll.
   */
  waitFor(predicate: (call: ApiCall) => boolean, timeoutMs = 10_000): Promise<ApiCall> {
    const visible = (c: ApiCall) => c.status !== 'pending' || c.method === 'getUpdates';
    const probe = () => this.calls.find((c) => visible(c) && predicate(c));
    return this.until(probe, timeoutMs, () => 'a matching call');
  }

  /** Resolves with the first message in the chat (in its current, possibly edited, state) that matches. */
  waitForMessage(chatId: number, match: MessageMatch, timeoutMs = 10_000): Promise<SentMessage> {
    const test =
      typeof match === 'function'
        ? match
        : (m: SentMessage) => {
            const text = m.text ?? m.caption ?? '';
            return typeof match === 'string' ? text.includes(match) : match.test(text);
          };
    const what = () =>
      `a message to chat ${chatId} matching ${String(match)}; it has:\n${describeMessages(this.sentTo(chatId))}`;
    return this.until(() => this.sentTo(chatId).find(test), timeoutMs, what);
  }

  /** The update of a press of the inline button whose text equals `label` (or matches it) on `message` as it is now. */
  pressOf(from: User, chatId: number, message: SentMessage, label: string | RegExp): NewUpdate {
    const current = this.chats.find(chatId, message.message_id) ?? message;
    const all = buttons(current);
    const button = all.find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
    if (button?.callback_data === undefined) {
      const names = all.map((b) => JSON.stringify(b.text)).join(', ') || '(none)';
      const why = button ? 'has no callback_data' : 'not found';
      throw new Error(`Button ${String(label)} ${why} on message ${message.message_id}; buttons: ${names}`);
    }
    return callbackQuery(from, this.chats.chat(chatId), current, button.callback_data);
  }

  /** Presses the inline button whose text equals `label` (or matches it) on the current version of `message`. */
  clickButton(
    from: User,
    chatId: number,
    message: SentMessage,
    label: string | RegExp,
  ): { updateId: number; queryId: string } {
    const update = this.pressOf(from, chatId, message, label);
    const queryId = 'callback_query' in update ? update.callback_query.id : '';
    return { updateId: this.pushUpdate(update), queryId };
  }

  /**
   * Delivers `update` to the bot's webhook as Telegram does: a JSON POST with the secret header (none when
   * `secret` is null), and an `update_id` of the fake's own unless it has one. A button press delivered so counts
   * as given once the bot answers the POST with 200 (it has then handled it) and must be answered, as one
   * delivered by getUpdates must; a press POSTed again is one press. Any other answer to a POST with a press is a
   * problem ("webhook answered 500 to an update with a press"; Telegram would deliver it again) unless
   * allowRefusals() expects it. A method in a JSON answer (telegraf's webhook reply) is carried out as Telegram
   * carries it out, as a call of its own: an answerCallbackQuery there answers the press.
   */
  async postToWebhook(
    url: string,
    update: NewUpdate & { update_id?: number },
    secret: string | null,
  ): Promise<{ status: number; body: string }> {
    const full = { ...update, update_id: update.update_id ?? this.updates.nextUpdateId() } as Update;
    this.chats.rememberUpdate(full);
    this.log.pushed(full, 'webhook');
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret === null ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }),
      },
      body: JSON.stringify(full),
    });
    const body = await res.text();
    if (res.status === 200) this.webhookReply(res.headers.get('content-type'), body);
    this.log.webhookAnswered(full, res.status);
    this.events.emit('change');
    return { status: res.status, body };
  }

  /** The method a bot put in its answer to a webhook POST (`{"method": …, …parameters}`), carried out. */
  private webhookReply(contentType: string | null, body: string): void {
    if (!contentType?.includes('json') || body.trim() === '') return;
    const { method, ...payload } = JSON.parse(body) as Record<string, unknown>;
    if (typeof method !== 'string') return;
    const call: ApiCall = {
      seq: this.calls.length,
      method,
      payload,
      files: [],
      at: Date.now(),
      status: 'pending',
    };
    this.calls.push(call);
    try {
      settle(call, this.answerByRules(call));
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      settle(call, err);
    }
  }

  // ---- problems: refusals by Telegram's rules, unanswered presses -----------------------------------------

  get stopped(): boolean {
    return this.isStopped;
  }

  /**
   * What the bot did wrong since the last check: each call refused by one of Telegram's rules (method, description,
   * what in the payload broke the rule) or a webhook POST with a press answered other than 200, unless
   * allowRefusals() expects it, and each button press the bot was given, confirmed having handled, and never
   * answered. A press counts as given only once a getUpdates answer carried it and a later offset confirmed it, or
   * once the bot answered its webhook POST with 200 (postToWebhook): a press still in flight when a bot is killed,
   * or pushed with no bot polling, does not count; a press delivered again (after a crash, or by webhook) is one
   * press, answered if either delivery answered it.
   */
  problems(): string[] {
    return this.log.problems(this.handled);
  }

  /** Forgets the problems found so far (the setup file does this after every test). */
  clearProblems(): void {
    this.log.clear(this.handled);
  }

  /**
   * Refusals matching `match` (a description substring or pattern; all, without one) are expected, the bot's
   * webhook refusing a press ("webhook answered 500 to an update with a press") too.
   */
  allowRefusals(match?: RefusalMatch): void {
    this.log.allow(match);
  }

  /** Waits up to `graceMs` for answers to the presses the bot confirmed (an answer may trail the confirmation). */
  async waitForAnswers(graceMs: number): Promise<void> {
    const probe = () => (this.log.unanswered(this.handled).length === 0 ? true : undefined);
    await waitUntil(this.events, probe, graceMs, () => 'answers').catch(() => undefined);
  }

  /** Carried to the bot by a getUpdates answer and confirmed by a later offset. */
  private readonly handled = (updateId: number): boolean =>
    updateId < this.confirmedOffset && this.timesDelivered(updateId) > 0;

  // ---- behaviour switches --------------------------------------------------------------------------------

  /** Answer the next `times` calls of `method` with this error (e.g. 429 with retry_after). */
  failNext(method: string, error: InjectedError, times = 1): void {
    this.faults.failNext(method, error, times);
  }

  /** Hold every answer to `method` for `ms` (0 removes the delay). */
  delay(method: string, ms: number): void {
    this.faults.delays.set(method, ms);
  }

  /** Destroy the socket of the next `times` calls of `method` without answering. */
  dropConnection(method: string, times = 1): void {
    this.faults.dropConnection(method, times);
  }

  enforceRateLimits(
    limits: RateLimits = { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 },
  ): void {
    this.limiter = new RateLimiter(limits);
  }

  /** Replace how a method is answered; throw an `ApiFailure` from the handler to answer with an error. */
  handle(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  /** The bot was blocked by this user / removed from this group: sends there get 403. */
  block(chatId: number, blocked = true): void {
    this.chats.setBlocked(chatId, blocked);
  }

  /** A file a user is about to send; the document of their message (updates.ts documentMessage). */
  addFile(data: Buffer, fileName: string, mimeType = 'application/octet-stream') {
    const n = this.files.size + 1;
    const file_id = `doc-${n}-${data.length}`;
    this.files.set(file_id, { path: `documents/file_${n}${/\.[a-z]+$/i.exec(fileName)?.[0] ?? ''}`, data });
    return {
      file_id,
      file_unique_id: `udoc-${n}`,
      file_name: fileName,
      mime_type: mimeType,
      file_size: data.length,
    };
  }

  addChat(chat: Chat): void {
    this.chats.chats.set(chat.id, chat);
  }

  // ---- HTTP ----------------------------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return this.download(download[1], download[2], res);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match?.[1] || !match[2]) return writeAnswer(res, new ApiFailure(404, 'Not Found'));
    if (match[1] !== this.token) return writeAnswer(res, new ApiFailure(401, 'Unauthorized'));
    const method = match[2];
    let decoded: ReturnType<typeof decodeBody>;
    try {
      decoded = decodeBody(req.headers['content-type'], await readBody(req), url.searchParams);
    } catch (err) {
      const refusal = new Refusal(
        (err as Error).message,
        `a ${req.headers['content-type'] ?? 'typeless'} body`,
      );
      this.log.refused({ seq: -1, method, description: refusal.description, detail: refusal.detail });
      return writeAnswer(res, refusal);
    }
    const call: ApiCall = { seq: this.calls.length, method, ...decoded, at: Date.now(), status: 'pending' };
    this.calls.push(call);
    this.events.emit('change');
    if (this.faults.takeDrop(method)) {
      call.status = 'dropped';
      req.socket.destroy();
      return void this.events.emit('change');
    }
    const delayMs = this.faults.delays.get(method) ?? 0;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    try {
      const failure = this.faults.takeFailure(method);
      if (failure) throw failure;
      this.limiter?.check(method, call.payload.chat_id);
      const custom = this.handlers.get(method);
      if (custom) {
        settle(call, custom(call.payload));
        writeAnswer(res, call.result);
      } else if (method === 'getUpdates') {
        this.updates.getUpdates(call, res);
      } else {
        settle(call, this.answerByRules(call));
        writeAnswer(res, call.result);
      }
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      settle(call, err);
      writeAnswer(res, err);
    }
    this.events.emit('change');
  }

  /** A file's bytes, as api.telegram.org/file/bot<token>/<file_path> serves them. */
  private download(token: string | undefined, path: string | undefined, res: ServerResponse): void {
    const file = [...this.files.values()].find((f) => f.path === path);
    if (token !== this.token || !file) {
      writeAnswer(res, new ApiFailure(404, 'Not Found'));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.data.length });
    res.end(file.data);
  }

  /** Bots may download files up to 20 MB (Bot API, getFile). */
  private getFile(p: Record<string, unknown>) {
    const file = this.files.get(String(p.file_id));
    if (!file) throw new Refusal('invalid file_id', `file_id ${JSON.stringify(p.file_id)}`);
    if (file.data.length > 20 * 1024 * 1024)
      throw new Refusal('file is too big', `${file.data.length} bytes`);
    return {
      file_id: p.file_id,
      file_unique_id: `u${String(p.file_id)}`,
      file_size: file.data.length,
      file_path: file.path,
    };
  }

  /** Answers as Telegram would; a 400 is a refusal by one of its rules, kept for problems(). */
  private answerByRules(call: ApiCall): unknown {
    try {
      return this.dispatch(call.method, call.payload, call.seq);
    } catch (err) {
      if (err instanceof ApiFailure && err.error_code === 400) {
        const detail = err instanceof Refusal ? err.detail : describePayload(call.payload);
        this.log.refused({ seq: call.seq, method: call.method, description: err.description, detail });
      }
      throw err;
    }
  }

  private dispatch(method: string, p: Record<string, unknown>, seq: number): unknown {
    if (method === 'getMe') return this.botUser;
    if (method === 'deleteWebhook' && p.drop_pending_updates === true) this.updates.pending = [];
    if (method === 'sendChatAction') return this.chats.chat(p.chat_id) && true;
    if (method.startsWith('send')) return this.chats.send(method, p);
    if (/^editMessage(Text|Caption|ReplyMarkup)$/.test(method)) return this.chats.edit(method, p);
    if (method === 'deleteMessage') return this.chats.delete(p);
    if (method === 'getChat')
      return { accent_color_id: 0, max_reaction_count: 11, ...this.chats.chat(p.chat_id) };
    if (method === 'answerCallbackQuery') return this.answerCallbackQuery(p, seq);
    if (method === 'getWebhookInfo')
      return { url: '', has_custom_certificate: false, pending_update_count: 0 };
    if (method === 'setMyCommands') this.commands = botCommands(p.commands);
    if (method === 'getMyCommands') return this.commands;
    if (method === 'setChatMenuButton') {
      const button = menuButton(p.menu_button);
      if (p.chat_id === undefined) this.menuButton = button;
      else this.menuButtons.set(Number(this.chats.chat(p.chat_id).id), button);
    }
    if (method === 'getChatMenuButton') {
      return (
        (p.chat_id === undefined ? undefined : this.menuButtons.get(Number(p.chat_id))) ?? this.menuButton
      );
    }
    if (method === 'getFile') return this.getFile(p);
    return true;
  }

  /** A press can be answered once; Telegram forgets it after that (and after about 15 minutes, not modelled). */
  private answerCallbackQuery(p: Record<string, unknown>, seq: number): true {
    const id = p.callback_query_id;
    const earlier = this.log.answeredBy(id);
    if (earlier !== undefined) {
      throw new Refusal(STALE_QUERY, `query ${String(id)} was already answered by call #${earlier}`);
    }
    if (!this.log.knows(id)) {
      throw new Refusal(STALE_QUERY, `no press with query id ${JSON.stringify(id)} was given to the bot`);
    }
    checkCallbackAnswer(p);
    this.log.answer(id, seq);
    return true;
  }

  private until<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    const describe = () => `${what()}\nRecent Bot API calls:\n${this.describeCalls()}`;
    return waitUntil(this.events, probe, timeoutMs, describe);
  }

  describeCalls(last = 15): string {
    return describeCalls(this.calls, this.confirmedOffset, last);
  }
}
