import { TelegramError } from 'telegraf';

export type ChatId = number | string;

/** The Bot API answered and said no (grammY's GrammyError): error_code, description, method. */
export class ApiError extends TelegramError {
  override readonly name: string = 'ApiError';

  constructor(
    source: TelegramError,
    readonly method: string,
    readonly chatId: ChatId,
  ) {
    // Extends TelegramError, so existing `instanceof TelegramError` and message checks keep working.
    super(source.response, source.on);
    this.cause = source;
  }
}

/** 403: blocked by the user, user deactivated, kicked from the group. Never retried. */
export class BlockedError extends ApiError {
  override readonly name = 'BlockedError';
}

/**
 * The Bot API did not answer a call (bot-api.ts): the connection was refused or broke, or no answer came in time.
 * `sent` says whether the request had gone out on a connection. If not, Telegram cannot have acted on it, and it
 * may be tried again freely; if it had, Telegram may have acted on it (a message delivered, its answer lost), so
 * the sender tries it again at most once, and says so (docs/architecture.md, "The sender").
 * Named as node-fetch names its errors: telegraf's polling loop waits on an error of that name and polls again.
 */
export class NoAnswerError extends Error {
  override readonly name = 'FetchError';
  /** undici's or node's code: ECONNREFUSED, UND_ERR_SOCKET, UND_ERR_HEADERS_TIMEOUT, … */
  readonly code: string;

  constructor(
    readonly method: string,
    cause: Error,
    readonly sent: boolean,
  ) {
    super(`no answer to ${method}: ${cause.message}`, { cause });
    const code = (cause as { code?: unknown }).code;
    this.code = typeof code === 'string' ? code : cause.name;
  }
}

/** The sender gave up on a call that got no answer (grammY's HttpError): connection reset, refused, timed out. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';

  constructor(
    readonly method: string,
    readonly chatId: ChatId,
    readonly error: unknown,
  ) {
    super(`Network error calling ${method}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** The sender was stopped (the process is stopping) before this call went out. */
export class StoppedSendingError extends Error {
  override readonly name = 'StoppedSendingError';

  constructor(
    readonly method: string,
    readonly chatId: ChatId,
  ) {
    super(`not sent: stopping (${method} to ${chatId})`);
  }
}

/**
 * What to do with a failed attempt: `transient` may be tried again freely (Telegram answered 5xx, or the request
 * never left); `unanswered` went out and got no answer, so Telegram may have acted on it.
 */
export type Verdict =
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'blocked' }
  | { kind: 'transient' }
  | { kind: 'unanswered' }
  | { kind: 'final' };

export function classify(err: unknown): Verdict {
  if (err instanceof TelegramError) {
    if (err.code === 429)
      return { kind: 'rate-limited', retryAfterMs: (err.parameters?.retry_after ?? 1) * 1000 };
    if (err.code === 403) return { kind: 'blocked' };
    if (err.code >= 500) return { kind: 'transient' };
    return { kind: 'final' };
  }
  if (err instanceof NoAnswerError) return err.sent ? { kind: 'unanswered' } : { kind: 'transient' };
  return { kind: 'final' };
}

/** The error the caller sees once the sender gives up on (or refuses to retry) a call. */
export function finalError(err: unknown, method: string, chatId: ChatId): unknown {
  if (err instanceof ApiError) return err;
  if (err instanceof TelegramError)
    return err.code === 403 ? new BlockedError(err, method, chatId) : new ApiError(err, method, chatId);
  return err instanceof NoAnswerError ? new NetworkError(method, chatId, err) : err;
}
