import type { Telegram } from 'telegraf';
import type { ChatId, Sender } from './sender.js';

const WRAPPED = Symbol('sender');

type CallApi = (method: string, payload: unknown, options?: { signal?: AbortSignal }) => Promise<unknown>;

function chatOf(payload: unknown): ChatId | undefined {
  const id = (payload as { chat_id?: unknown } | null | undefined)?.chat_id;
  return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}

/**
 * `callApi` behind Telegram's size rules (Sender.fit, limits.ts): what passes a limit fails at once or goes as
 * the short fallback. Also for the web channel, whose page shows what Telegram would.
 */
export function sizeChecked<F>(callApi: F, sender: Sender): F {
  const call = callApi as unknown as CallApi;
  return ((method: string, payload: unknown, options?: { signal?: AbortSignal }) => {
    let fitted: unknown;
    try {
      fitted = sender.fit(method, payload);
    } catch (err) {
      return Promise.reject(err);
    }
    return call(method, fitted, options);
  }) as unknown as F;
}

/**
 * A callApi that sends what is for `chatId`, or names no chat, to `own`, and what names another chat to `other`.
 */
export function forChat<F>(chatId: number, own: F, other: F): F {
  const [mine, theirs] = [own as unknown as CallApi, other as unknown as CallApi];
  return ((method: string, payload: unknown, options?: { signal?: AbortSignal }) => {
    const to = chatOf(payload);
    return (to === undefined || String(to) === String(chatId) ? mine : theirs)(method, payload, options);
  }) as unknown as F;
}

/**
 * Every call of this Telegram object within Telegram's size rules (sizeChecked); each that carries a `chat_id`
 * (sendMessage, editMessageText, sendPhoto, …) through the sender, the rest (getMe, getUpdates,
 * answerCallbackQuery, setMyCommands) straight out. telegraf makes a new Telegram per update, so each one is
 * wrapped (idempotent).
 */
export function withSender<T extends Telegram>(telegram: T, sender: Sender): T {
  const marked = telegram as T & { [WRAPPED]?: Sender };
  if (marked[WRAPPED] === sender) return telegram;
  const direct = telegram.callApi.bind(telegram) as unknown as CallApi;
  const routed: CallApi = (method, payload, options) => {
    const chatId = chatOf(payload);
    const call = () => direct(method, payload, options);
    return chatId === undefined ? call() : sender.run(chatId, method, call);
  };
  telegram.callApi = sizeChecked(routed, sender) as unknown as Telegram['callApi'];
  marked[WRAPPED] = sender;
  return telegram;
}
