import type { Telegram } from 'telegraf';
import type { ChatId, Sender } from './sender.js';

const WRAPPED = Symbol('sender');

function chatOf(payload: unknown): ChatId | undefined {
  const id = (payload as { chat_id?: unknown } | null | undefined)?.chat_id;
  return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}

/**
 * Routes every call of this Telegram object that carries a `chat_id` (sendMessage, editMessageText,
 * sendPhoto, …) through the sender; the rest (getMe, getUpdates, answerCallbackQuery, setMyCommands)
 * go straight out. telegraf makes a new Telegram per update, so each one is wrapped (idempotent).
 */
export function withSender<T extends Telegram>(telegram: T, sender: Sender): T {
  const marked = telegram as T & { [WRAPPED]?: Sender };
  if (marked[WRAPPED] === sender) return telegram;
  const direct = telegram.callApi.bind(telegram);
  const routed = (method: string, payload: unknown, options?: { signal?: AbortSignal }) => {
    const chatId = chatOf(payload);
    const call = () => (direct as (...a: unknown[]) => Promise<unknown>)(method, payload, options);
    return chatId === undefined ? call() : sender.run(chatId, method, call);
  };
  telegram.callApi = routed as Telegram['callApi'];
  marked[WRAPPED] = sender;
  return telegram;
}
