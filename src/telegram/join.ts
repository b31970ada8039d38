import { TelegramError } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';
import { abortError, type CallApi } from './bot-api.js';
import { classify } from './errors.js';
import { keepTrying, type RetryOptions, type Sleep, StoppedError, type Verdict } from './retry.js';

/*
 * Joining Telegram after the rest of the bot has started (docs/architecture.md, "Start-up without Telegram"):
 * the calls that join it are tried until Telegram answers them, with a growing wait (retry.ts), one warn line per
 * failed try. A token Telegram rejects is not tried again: the caller stops the process.
 */

/** The calls that join Telegram; the first call of each is tried until Telegram answers it. */
export const JOIN_METHODS: readonly string[] = [
  'getMe',
  'setMyCommands',
  'setChatMenuButton',
  'deleteWebhook',
  'setWebhook',
  // The first poll; once one has been answered, telegraf's polling loop handles an outage itself.
  'getUpdates',
];

/** Telegram says the token is no bot's: 401 Unauthorized, or 404 for one that is not even shaped like one. */
export function isTokenRejected(err: unknown): boolean {
  return err instanceof TelegramError && (err.code === 401 || err.code === 404);
}

/**
 * Network failures, 5xx and 429 are tried again (the joining calls change nothing twice, so a call that went out
 * unanswered is tried again too); anything else Telegram answers is final.
 */
export function joinVerdict(err: unknown): Verdict {
  if (isTokenRejected(err)) return { retry: false };
  const v = classify(err);
  if (v.kind === 'rate-limited') return { retry: true, waitAtLeastMs: v.retryAfterMs };
  return v.kind === 'transient' || v.kind === 'unanswered' ? { retry: true } : { retry: false };
}

/**
 * Who the bot is while getMe has not answered yet: the web page's updates need a botInfo. The id is the token's
 * (a bot token starts with the bot's id), the username the one getMe gave last time (the `bot_username` setting).
 */
export function standInBotInfo(token: string, username: string | null): UserFromGetMe {
  return {
    id: Number(token.split(':')[0]) || 0,
    is_bot: true,
    first_name: 'Bot',
    username: username ?? 'bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
}

export interface JoinOptions {
  logger: { warn(details: object, message: string): void };
  now: () => Date;
  /** Aborted when the process stops: a wait ends at once. */
  signal: AbortSignal;
  /** Kept out of the log, whatever the network layer put in an error's message. */
  token: string;
  /** Telegram answered the first call of `method`. */
  onAnswered?(method: string): void;
  sleep?: Sleep;
  random?: () => number;
}

/** A signal that aborts when any of `signals` does (telegraf's polling passes a polyfilled one). */
function either(...signals: (AbortSignal | undefined)[]): AbortSignal {
  const both = new AbortController();
  for (const s of signals) {
    if (!s) continue;
    if (s.aborted) both.abort();
    else s.addEventListener('abort', () => both.abort(), { once: true });
  }
  return both.signal;
}

/**
 * `call` with the first call of each JOIN_METHODS method tried until Telegram answers it; a later call goes
 * straight through. When the process stops, a call waiting to be tried again fails with StoppedError (or, for
 * telegraf's own poll, which passes its abort signal, the AbortError its loop ends on).
 */
export function joining(call: CallApi, o: JoinOptions): CallApi {
  const first = new Set(JOIN_METHODS);
  const hide = (s: string) => s.replaceAll(o.token, '…');
  return async (method, payload, options) => {
    if (!first.has(method)) return call(method, payload, options);
    const retry: RetryOptions = {
      judge: joinVerdict,
      signal: either(o.signal, options?.signal),
      sleep: o.sleep,
      random: o.random,
      onRetry: ({ failures, error, waitMs }) =>
        o.logger.warn(
          {
            method,
            attempt: failures,
            error: hide(error instanceof Error ? error.message : String(error)),
            retryInMs: waitMs,
            nextTryAt: new Date(o.now().getTime() + waitMs).toISOString(),
          },
          'Telegram not reachable; trying again',
        ),
    };
    let result: unknown;
    try {
      result = await keepTrying(() => call(method, payload, options), retry);
    } catch (err) {
      if (err instanceof StoppedError && options?.signal?.aborted) throw abortError();
      throw err;
    }
    if (first.delete(method)) o.onAnswered?.(method);
    return result;
  };
}
