import { ChatQueue, isLimited, type Job } from './chat-queue.js';
import { BlockedError, type ChatId, classify, finalError, StoppedSendingError } from './errors.js';
import { fitted, type SizePolicy } from './limits.js';
import { Window } from './window.js';

export {
  ApiError,
  BlockedError,
  type ChatId,
  NetworkError,
  NoAnswerError,
  StoppedSendingError,
} from './errors.js';

/** Telegram's flood limits; 0 = no limit. */
export interface SendLimits {
  perSecond: number;
  perChatPerSecond: number;
  perGroupPerMinute: number;
}

export interface SenderOptions extends Partial<SendLimits> {
  /**
   * Tries of one call when the server fails (5xx) or the network does; default 5. A call that went out and got
   * no answer is tried again once at most (errors.ts, NoAnswerError).
   */
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
  /** Telegram's size rules (limits.ts); unset: strict, and nothing logged. */
  sizes?: SizePolicy;
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
  /** Calls queued or in flight, over all chats. */
  private backlog = 0;
  private lastRateLimit: { chat: string; at: number } | null = null;
  private wakeAt = Number.POSITIVE_INFINITY;
  private sweepAt = 256;
  private stopped = false;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: SenderOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    // Evenly spread: a burst of 30 at once comes back slower than 30 spaced calls, and the slots wait for it.
    this.global = new Window(options.perSecond ?? 30, 1000, true);
  }

  /** The payload as it may go to Telegram (limits.ts): unchanged, the fallback, or TooLongError when strict. */
  fit(method: string, payload: unknown): unknown {
    return fitted(method, payload, this.options.sizes ?? { strict: true, fallback: '' });
  }

  /** Runs `call` (one Bot API call of `method` to `chatId`) when the limits allow; resolves with its result. */
  run<T>(chatId: ChatId, method: string, call: () => Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(new StoppedSendingError(method, chatId));
    return new Promise<T>((resolve, reject) => {
      const chat = this.chat(chatId);
      const job = { method, call, resolve, reject, failures: 0, rateLimits: 0 } as Job;
      chat.jobs.push(job);
      this.backlog++;
      if (!chat.busy && chat.jobs.length === 1) this.waiting.push(chat);
      this.pump();
    });
  }

  /**
   * The process is stopping (docs/architecture.md, "Stopping"): every call not yet sent — queued, or waiting to be
   * tried again after a 429, a 5xx or a network failure — fails at once with StoppedSendingError, and so does any
   * later call. A call in flight is left to finish, and is not tried again if it fails.
   */
  stop(): void {
    this.stopped = true;
    this.waiting.length = 0;
    for (const chat of this.chats.values()) {
      const dropped = chat.jobs.splice(chat.busy ? 1 : 0);
      this.backlog -= dropped.length;
      for (const job of dropped) job.reject(new StoppedSendingError(job.method, chat.id));
    }
  }

  private chat(id: ChatId): ChatQueue {
    const key = String(id);
    let chat = this.chats.get(key);
    if (!chat) {
      if (this.chats.size >= this.sweepAt) this.sweep();
      const { perChatPerSecond = 1, perGroupPerMinute = 20 } = this.options;
      chat = new ChatQueue(id, perChatPerSecond, perGroupPerMinute);
      this.chats.set(key, chat);
    }
    return chat;
  }

  /**
   * Sends what may go now, chats in turn; and sets a timer for the earliest time something else may.
   * One exception to taking turns: a chat whose own limits make its queue outlast the whole backlog at the
   * global rate (a group with many messages) goes whenever it may, or it alone would finish long after the rest.
   */
  private pump(): void {
    const now = this.now();
    let wake = Number.POSITIVE_INFINITY;
    const drainMs = this.options.perSecond === 0 ? 0 : (this.backlog * 1000) / (this.options.perSecond ?? 30);
    for (;;) {
      const globalAt = Math.max(this.pausedUntil, this.global.freeAt(now));
      let pick: ChatQueue | undefined;
      let pickChain = -1;
      for (const chat of this.waiting) {
        const head = chat.jobs[0] as Job;
        const at = Math.max(chat.readyAt(now), isLimited(head.method) ? globalAt : this.pausedUntil);
        if (at > now) wake = Math.min(wake, at);
        else if (chat.chainMs > pickChain && (chat.chainMs >= drainMs || !pick)) {
          pick = chat;
          pickChain = chat.chainMs >= drainMs ? chat.chainMs : 0;
        }
      }
      if (!pick) break;
      this.dispatch(pick, pick.jobs[0] as Job, isLimited((pick.jobs[0] as Job).method));
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
    for (const w of windows) w.take(this.now());
    const settle = (outcome: () => void) => {
      const now = this.now();
      for (const w of windows) w.release(now);
      chat.busy = false;
      outcome();
      if (chat.jobs.length > 0 && !this.stopped) this.waiting.push(chat);
      this.pump();
    };
    new Promise((resolve) => resolve(job.call())).then(
      (value) =>
        settle(() => {
          this.stats.sent++;
          this.backlog--;
          chat.jobs.shift();
          job.resolve(value);
        }),
      (err: unknown) => settle(() => this.failed(chat, job, err)),
    );
  }

  /** Either pauses the chat so the same call is retried first, or gives up on the call. */
  private failed(chat: ChatQueue, job: Job, err: unknown): void {
    const now = this.now();
    const verdict = this.stopped ? { kind: 'final' as const } : classify(err);
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
    // A call that never left is tried again freely; one that went out unanswered at most once, as Telegram may
    // have acted on it: a message delivered twice is logged as possible, never silent.
    const unanswered = verdict.kind === 'unanswered' && !job.retriedUnanswered;
    if ((verdict.kind === 'transient' || unanswered) && job.failures + 1 < (this.options.maxAttempts ?? 5)) {
      const first = this.options.backoffMs ?? 500;
      const wait = Math.min(this.options.maxBackoffMs ?? 30_000, first * 2 ** job.failures);
      job.failures++;
      this.stats.retried++;
      chat.pausedUntil = Math.max(chat.pausedUntil, now + wait);
      const details = { ...log, attempt: job.failures, waitMs: wait };
      if (!unanswered) this.options.logger?.warn(details, 'send failed; will retry');
      else {
        job.retriedUnanswered = true;
        this.options.logger?.warn(
          { ...details, possibleDuplicate: true },
          'no answer after the request went out; trying once more, so Telegram may show it twice',
        );
      }
      return;
    }
    chat.jobs.shift();
    this.backlog--;
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
    for (const [key, chat] of this.chats) if (chat.idle(now)) this.chats.delete(key);
    this.sweepAt = Math.max(256, this.chats.size * 2);
  }
}
