import type { Telegram } from 'telegraf';
import type { CallApi } from './bot-api.js';
import type { ChatId, Sender } from './sender.js';

/*
 * The one wrapper of telegraf's callApi (docs/architecture.md, "The sender"): telegraf still builds each call's
 * payload (ctx.reply, telegram.sendMessage, its polling loop), and hands it here instead of to its own HTTP client.
 */

function chatOf(payload: unknown): ChatId | undefined {
  const id = (payload as { chat_id?: unknown } | null | undefined)?.chat_id;
  return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}

export interface ThroughSenderOptions {
  /** false: Telegram's size rules only, no queue (the web page's calls, which keep no Telegram limits). */
  queue?: boolean;
  /** Waited for before each poll (getUpdates), which confirms the updates handled so far. */
  beforePoll?: (signal: AbortSignal | undefined) => Promise<void>;
}

/**
 * Every call within Telegram's size rules (Sender.fit, limits.ts: what passes a limit fails at once or goes as the
 * short fallback); each that carries a `chat_id` (sendMessage, editMessageText, sendPhoto, …) through the
 * sender's queues, limits and retries; then `api` (bot-api.ts, or the web page's channel). The rest (getMe,
 * getUpdates, answerCallbackQuery, setMyCommands) go straight to `api`.
 */
export function throughSender(sender: Sender, api: CallApi, o: ThroughSenderOptions = {}): CallApi {
  const queue = o.queue ?? true;
  return (method, payload, options) => {
    let fitted: unknown;
    try {
      fitted = sender.fit(method, payload);
    } catch (err) {
      return Promise.reject(err);
    }
    const chatId = queue ? chatOf(fitted) : undefined;
    if (chatId !== undefined) return sender.run(chatId, method, () => api(method, fitted, options));
    if (method === 'getUpdates' && o.beforePoll)
      return o.beforePoll(options?.signal).then(() => api(method, fitted, options));
    return api(method, fitted, options);
  };
}

/** A callApi that sends what is for `chatId`, or names no chat, to `own`, and what names another chat to `other`. */
export function forChat(chatId: number, own: CallApi, other: CallApi): CallApi {
  return (method, payload, options) => {
    const to = chatOf(payload);
    return (to === undefined || String(to) === String(chatId) ? own : other)(method, payload, options);
  };
}

/** `telegram` with its calls made by `calls` (telegraf makes a Telegram object per update: each one is given it). */
export function callingThrough<T extends Telegram>(telegram: T, calls: CallApi): T {
  telegram.callApi = calls as unknown as Telegram['callApi'];
  return telegram;
}
