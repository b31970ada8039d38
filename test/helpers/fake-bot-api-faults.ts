/** Injected failures and Telegram-like flood limits for the fake Bot API. */
import { ApiFailure } from './fake-bot-api-format.js';

export interface InjectedError {
  error_code: number;
  description: string;
  retry_after?: number;
}

export interface RateLimits {
  /** Messages per second over all chats (Telegram: about 30). */
  perSecond?: number;
  /** Messages per second into one chat (Telegram: about 1). */
  perChatPerSecond?: number;
  /** Messages per minute into one group (Telegram: about 20). */
  perGroupPerMinute?: number;
}

/** What the fake should do instead of answering a method normally. */
export class Faults {
  private readonly failures = new Map<string, InjectedError[]>();
  private readonly drops = new Map<string, number>();
  readonly delays = new Map<string, number>();

  failNext(method: string, error: InjectedError, times: number): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(error);
    this.failures.set(method, queue);
  }

  dropConnection(method: string, times: number): void {
    this.drops.set(method, (this.drops.get(method) ?? 0) + times);
  }

  takeDrop(method: string): boolean {
    const left = this.drops.get(method) ?? 0;
    if (left <= 0) return false;
    this.drops.set(method, left - 1);
    return true;
  }

  takeFailure(method: string): ApiFailure | undefined {
    const next = this.failures.get(method)?.shift();
    return next && new ApiFailure(next.error_code, next.description, next.retry_after);
  }

  clear(): void {
    this.failures.clear();
    this.drops.clear();
    this.delays.clear();
  }
}

const LIMITED = /^(send|edit|copy|forward)/;

/** Sliding windows over the message-producing methods; a refused call is not counted. */
export class RateLimiter {
  private readonly global: number[] = [];
  private readonly perChat = new Map<number, number[]>();

  constructor(private readonly limits: RateLimits) {}

  check(method: string, chatId: unknown, now = Date.now()): void {
    if (!LIMITED.test(method) || method === 'sendChatAction') return;
    const id = Number(chatId);
    const chat = this.perChat.get(id) ?? [];
    const waits = [
      wait(this.global, 1000, this.limits.perSecond, now),
      wait(chat, 1000, this.limits.perChatPerSecond, now),
      id < 0 ? wait(chat, 60_000, this.limits.perGroupPerMinute, now) : 0,
    ];
    const ms = Math.max(...waits);
    if (ms > 0) {
      const seconds = Math.max(1, Math.ceil(ms / 1000));
      throw new ApiFailure(429, `Too Many Requests: retry after ${seconds}`, seconds);
    }
    this.global.push(now);
    chat.push(now);
    this.perChat.set(id, chat);
    // Keep a minute of history: the longest window.
    while ((this.global[0] ?? now) <= now - 60_000) this.global.shift();
    while ((chat[0] ?? now) <= now - 60_000) chat.shift();
  }
}

/** Milliseconds until one more event fits in the window, 0 when it fits now. */
function wait(times: number[], windowMs: number, limit: number | undefined, now: number): number {
  if (limit === undefined) return 0;
  const recent = times.filter((t) => t > now - windowMs);
  if (recent.length < limit) return 0;
  const oldestThatMustExpire = recent[recent.length - limit] ?? now;
  return oldestThatMustExpire + windowMs - now;
}
