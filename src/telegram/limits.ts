import { CAPTION_MAX, clip, MESSAGE_MAX } from '../domain/pages.js';

/*
 * Telegram's size rules, checked before a call leaves (docs/architecture.md, "Messages that fit"). Telegram
 * refuses an over-long text with 400 "message is too long", and a refused send tried again tomorrow is refused
 * again: the reminder would never arrive. Every message that grows with the data is paged before it gets here;
 * this is the last guard. Strict (tests): the call fails at once, never reaching Telegram. Otherwise (service):
 * the error is logged and a short fallback goes instead, so the person still hears something.
 */

/** answerCallbackQuery's notice: Telegram allows 0–200 characters. */
const NOTICE_MAX = 200;

/** A call that breaks one of Telegram's size rules; never sent, never retried. */
export class TooLongError extends Error {
  override readonly name = 'TooLongError';

  constructor(
    readonly method: string,
    readonly field: 'text' | 'caption',
    readonly length: number,
    readonly max: number,
  ) {
    super(`${method}: ${field} of ${length} characters passes Telegram's limit of ${max}`);
  }
}

const TEXT_METHODS = new Set(['sendMessage', 'editMessageText']);

/** The first size rule `payload` breaks, as the error that says so; null when it fits. */
function sizeProblem(method: string, payload: unknown): TooLongError | null {
  const p = (payload ?? {}) as { text?: unknown; caption?: unknown };
  if (TEXT_METHODS.has(method) && typeof p.text === 'string' && p.text.length > MESSAGE_MAX)
    return new TooLongError(method, 'text', p.text.length, MESSAGE_MAX);
  if (typeof p.caption === 'string' && p.caption.length > CAPTION_MAX)
    return new TooLongError(method, 'caption', p.caption.length, CAPTION_MAX);
  if (method === 'answerCallbackQuery' && typeof p.text === 'string' && p.text.length > NOTICE_MAX)
    return new TooLongError(method, 'text', p.text.length, NOTICE_MAX);
  return null;
}

export interface SizePolicy {
  /** Fail at once (tests) instead of sending the fallback. */
  strict: boolean;
  /** What goes instead of a text too long for Telegram. */
  fallback: string;
  logger?: { error(details: object, message: string): void };
}

/** The payload to send: unchanged when it fits; else the fallback (logged), or TooLongError when strict. */
export function fitted(method: string, payload: unknown, policy: SizePolicy): unknown {
  const problem = sizeProblem(method, payload);
  if (!problem) return payload;
  policy.logger?.error(
    { method, field: problem.field, length: problem.length, max: problem.max },
    'message too long for Telegram: not sent as it is',
  );
  if (policy.strict) throw problem;
  // A notice is only cut; a message says, in a few words, that the real one could not be sent.
  const original = (payload as Record<string, unknown>)[problem.field] as string;
  const replacement = method === 'answerCallbackQuery' ? clip(original, problem.max) : policy.fallback;
  return { ...(payload as object), [problem.field]: replacement };
}
