import { BlockedError, type ChatId, classify, finalError } from './errors.js';
import { Window } from './window.js';

export { ApiError, BlockedError, type ChatId, NetworkError } from './errors.js';

/** Telegram's flood limits; 0 = no limit. */
export interface SendLimits {
  perSecond: number;
  perChatPerSecond: number;
  perGroupPerMinute: number;
}

export interface SenderOptions extends Partial<SendLimits> {
  /** Tries of one call when the server fails (5xx) or the network does; default 5. */
  maxAttempts?: number;
  /** How many 429s one call may get before its caller sees the error; default 10. */
  maxRateLimitRetries?: number;
  /** Wait after the first failed try, doubled after each further one, up to maxBackoffMs; default 500. */
  backoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Telegram answered 403: the user blocked the bot (or is deactivated), or the bot left the group. */
  onBlocked?: (chatId: ChatId, err: BlockedError) => unknown;
  logger?: { warn(details: object, message: string): void };
}

/** Calls that make or change a message count against the limits; chat actions and reads do not. */
const LIMITED = /^(send|edit|copy|forward|stop)/;

interface Job {
  method: string;
  call: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  failures: number;
  rateLimits: number;
}

interface ChatQueue {
  id: ChatId;
  jobs: Job[];
  busy: boolean;
  pausedUntil: number;
  second: Window;
  minute: Window;
}

/**
 * Every Bot API call that targets a chat, within Telegram's limits. Each chat is a FIFO queue with at most one
 * call in flight (so its messages arrive in order, retries included); chats take turns (round robin), so a busy
 * group waits behind the limits, not private chats behind the group. 429 pauses the chat for retry_after (and
 * everything when two chats get one within a second: that is the bot-wide limit); 5xx and network failures are
 * retried with exponential backoff; 403 is never retried.
 */
export class Sender {
  readonly stats = { sent: 0, rateLimited: 0, retried: 0, failed: 0 };
  private readonly chats = new Map<string, ChatQueue>();
  /** Chats with a call ready to go, in turn order. */
  private readonly waiting: ChatQueue[] = [];
  private readonly global: Window;
  private pausedUntil = 0;
  private lastRateLimit: { chat: string; at: number } | null = null;
  private wakeAt = Number.POSITIVE_INFINITY;
  private sweepAt = 256;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: SenderOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.global = new Window(options.perSecond ?? 30, 1000);
  }

  /** Runs `call` (one Bot API call of `method` to `chatId`) when the limits allow; resolves with its result. */
  run<T>(chatId: ChatId, method: string, call: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const chat = this.chat(chatId);
      const job = { method, call, resolve, reject, failures: 0, rateLimits: 0 } as Job;
      chat.jobs.push(job);
      if (!chat.busy && chat.jobs.length === 1) this.waiting.push(chat);
      this.pump();
    });
  }

  private chat(id: ChatId): ChatQueue {
    const key = String(id);
    let chat = this.chats.get(key);
    if (!chat) {
      if (this.chats.size >= this.sweepAt) this.sweep();
      const group = typeof id === 'string' || id < 0;
      const { perChatPerSecond = 1, perGroupPerMinute = 20 } = this.options;
      chat = {
        id,
        jobs: [],
        busy: false,
        pausedUntil: 0,
        second: new Window(perChatPerSecond, 1000),
        minute: new Window(group ? perGroupPerMinute : 0, 60_000),
      };
      this.chats.set(key, chat);
    }
    return chat;
  }

  /** Sends what may go now, and sets a timer for the earliest time something else may. */
  private pump(): void {
    const now = this.now();
    let wake = Number.POSITIVE_INFINITY;
    for (const chat of [...this.waiting]) {
      const job = chat.jobs[0] as Job;
      const limited = LIMITED.test(job.method) && job.method !== 'sendChatAction';
      let at = Math.max(chat.pausedUntil, this.pausedUntil);
      if (limited)
        at = Math.max(at, chat.second.freeAt(now), chat.minute.freeAt(now), this.global.freeAt(now));
      if (at <= now) this.dispatch(chat, job, limited);
      else wake = Math.min(wake, at);
    }
    if (wake < this.wakeAt) {
      this.wakeAt = wake;
      void this.sleep(wake - now).then(() => {
        if (this.wakeAt === wake) this.wakeAt = Number.POSITIVE_INFINITY;
        this.pump();
      });
    }
  }

  private dispatch(chat: ChatQueue, job: Job, limited: boolean): void {
    this.waiting.splice(this.waiting.indexOf(chat), 1);
    chat.busy = true;
    const windows = limited ? [this.global, chat.second, chat.minute] : [];
    for (const w of windows) w.take();
    const settle = (outcome: () => void) => {
      const now = this.now();
      for (const w of windows) w.release(now);
      chat.busy = false;
      outcome();
      if (chat.jobs.length > 0) this.waiting.push(chat);
      this.pump();
    };
    new Promise((resolve) => resolve(job.call())).then(
      (value) =>
        settle(() => {
          this.stats.sent++;
          chat.jobs.shift();
          job.resolve(value);
        }),
      (err: unknown) => settle(() => this.failed(chat, job, err)),
    );
  }

  /** Either pauses the chat so the same call is retried first, or gives up on the call. */
  private failed(chat: ChatQueue, job: Job, err: unknown): void {
    const now = this.now();
    const verdict = classify(err);
    const log = {
      chat: chat.id,
      method: job.method,
      error: err instanceof Error ? err.message : String(err),
    };
    if (verdict.kind === 'rate-limited' && job.rateLimits < (this.options.maxRateLimitRetries ?? 10)) {
      job.rateLimits++;
      this.stats.rateLimited++;
      chat.pausedUntil = Math.max(chat.pausedUntil, now + verdict.retryAfterMs);
      const key = String(chat.id);
      const other = this.lastRateLimit;
      if (other && other.chat !== key && now - other.at < 1000)
        this.pausedUntil = Math.max(this.pausedUntil, now + verdict.retryAfterMs);
      this.lastRateLimit = { chat: key, at: now };
      this.options.logger?.warn({ ...log, retryAfterMs: verdict.retryAfterMs }, 'rate limited; will retry');
      return;
    }
    if (verdict.kind === 'transient' && job.failures + 1 < (this.options.maxAttempts ?? 5)) {
      const first = this.options.backoffMs ?? 500;
      const wait = Math.min(this.options.maxBackoffMs ?? 30_000, first * 2 ** job.failures);
      job.failures++;
      this.stats.retried++;
      chat.pausedUntil = Math.max(chat.pausedUntil, now + wait);
      this.options.logger?.warn({ ...log, attempt: job.failures, waitMs: wait }, 'send failed; will retry');
      return;
    }
    chat.jobs.shift();
    this.stats.failed++;
    const final = finalError(err, job.method, chat.id);
    if (final instanceof BlockedError) this.blocked(final);
    job.reject(final);
  }

  private blocked(err: BlockedError): void {
    try {
      void Promise.resolve(this.options.onBlocked?.(err.chatId, err)).catch((e: unknown) =>
        this.onBlockedFailed(e),
      );
    } catch (e) {
      this.onBlockedFailed(e);
    }
  }

  private onBlockedFailed(e: unknown): void {
    this.options.logger?.warn({ error: e instanceof Error ? e.message : String(e) }, 'onBlocked failed');
  }

  /** Forgets chats with nothing queued, nothing in flight and no window or pause still running. */
  private sweep(): void {
    const now = this.now();
    for (const [key, c] of this.chats)
      if (!c.busy && c.jobs.length === 0 && c.pausedUntil <= now && c.second.idle(now) && c.minute.idle(now))
        this.chats.delete(key);
    this.sweepAt = Math.max(256, this.chats.size * 2);
  }
}
