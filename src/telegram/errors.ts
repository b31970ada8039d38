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

/** The request never got an answer (grammY's HttpError): connection reset, refused, timed out. */
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

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  // An answer that is not HTTP (keep-alive.ts), or a broken TLS handshake: retried like a dropped connection.
  'EPROTO',
]);

/** telegraf's node-fetch FetchError, or a socket that died under it (or spoke no HTTP). */
export function isNetworkFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (
    err.name === 'FetchError' ||
    (typeof code === 'string' && NETWORK_CODES.has(code)) ||
    /socket hang up/i.test(err.message)
  );
}

/** What to do with a failed attempt. */
export type Verdict =
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'blocked' }
  | { kind: 'transient' }
  | { kind: 'final' };

export function classify(err: unknown): Verdict {
  if (err instanceof TelegramError) {
    if (err.code === 429)
      return { kind: 'rate-limited', retryAfterMs: (err.parameters?.retry_after ?? 1) * 1000 };
    if (err.code === 403) return { kind: 'blocked' };
    if (err.code >= 500) return { kind: 'transient' };
    return { kind: 'final' };
  }
  return isNetworkFailure(err) ? { kind: 'transient' } : { kind: 'final' };
}

/** The error the caller sees once the sender gives up on (or refuses to retry) a call. */
export function finalError(err: unknown, method: string, chatId: ChatId): unknown {
  if (err instanceof ApiError) return err;
  if (err instanceof TelegramError)
    return err.code === 403 ? new BlockedError(err, method, chatId) : new ApiError(err, method, chatId);
  return isNetworkFailure(err) ? new NetworkError(method, chatId, err) : err;
}
