import { type Telegram, TelegramError } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { formButtonData, formStartPayload } from '../bot/commands/baocao-kind.js';
import { groupThread, setGroupThread } from '../db/repositories/group-links.js';
import type { DueItem, DueKind } from '../domain/deadlines.js';
import type { ReportKind } from '../domain/report-kinds.js';
import type { Delivery, OutButton, Outgoing, SweepDeps } from '../scheduler/jobs/reminder-sweep.js';
import { TooLongError } from './limits.js';

/* How the reminder sweep reaches Telegram: through a Telegram client (wrapped by the Sender). */

/** The report form that settles a due item. */
const FORM_OF: Record<DueKind, ReportKind> = {
  action_plan: 'ke_hoach_hanh_dong',
  inspection: 'kiem_tra_giam_sat',
  personal_plans: 'ke_hoach_ca_nhan',
  reporter_training: 'tap_huan_bcv',
};

const BUTTON_TEXT_MAX = 60;

/** In a private chat a button opens the form; in a group it opens the private chat with the form. */
export function formButton(botUsername: string | null) {
  return (item: DueItem, title: string, inGroup: boolean): OutButton | null => {
    const kind = FORM_OF[item.kind];
    const label = `📝 ${title.length > BUTTON_TEXT_MAX ? `${title.slice(0, BUTTON_TEXT_MAX - 1)}…` : title}`;
    if (!inGroup) return { label, data: formButtonData(kind, item.unitId) };
    return botUsername
      ? { label, url: `https://t.me/${botUsername}?start=${formStartPayload(kind, item.unitId)}` }
      : null;
  };
}

/** A button with neither a link nor data would make Telegram refuse the whole message: it is left out. */
const toInline = (b: OutButton): InlineKeyboardButton[] =>
  b.url ? [{ text: b.label, url: b.url }] : b.data ? [{ text: b.label, callback_data: b.data }] : [];

/** Telegram's answers when a group's topic was deleted or closed since it was remembered. */
const TOPIC_GONE = /message thread not found|TOPIC_(CLOSED|DELETED)/i;

/** Where a linked group wants its messages: a topic (group-links.ts groupThread), and forgetting one that is gone. */
export interface GroupTopics {
  of(chatId: number): number | null;
  gone(chatId: number): void;
}

type Log = { warn(details: object, message: string): void };

/**
 * sendMessage to a group in the topic it asked for (message_thread_id, a group with topics); when that topic is
 * gone, to the group itself ("General"), and the topic is forgotten. Other chats: a plain sendMessage.
 */
export async function sendToChat(
  telegram: Telegram,
  chatId: number,
  text: string,
  extra: Parameters<Telegram['sendMessage']>[2] = {},
  topics?: GroupTopics,
  log?: Log,
) {
  const threadId = chatId < 0 ? (topics?.of(chatId) ?? null) : null;
  if (threadId === null) return telegram.sendMessage(chatId, text, extra);
  try {
    return await telegram.sendMessage(chatId, text, { ...extra, message_thread_id: threadId });
  } catch (err) {
    if (!(err instanceof TelegramError && err.code === 400 && TOPIC_GONE.test(err.description))) throw err;
    log?.warn({ chat: chatId, thread: threadId, error: err.message }, 'group topic gone; sent to the group');
    topics?.gone(chatId);
    return telegram.sendMessage(chatId, text, extra);
  }
}

export function telegramSend(
  telegram: Telegram,
  log?: { error(details: object, message: string): void } & Partial<Log>,
  topics?: GroupTopics,
) {
  const warn = log?.warn ? (log as Log) : undefined;
  return async (chatId: number, m: Outgoing): Promise<Delivery> => {
    try {
      const reply_markup =
        m.buttons.length > 0
          ? { inline_keyboard: m.buttons.map((row) => row.flatMap(toInline)).filter((row) => row.length > 0) }
          : undefined;
      await sendToChat(telegram, chatId, m.text, reply_markup ? { reply_markup } : {}, topics, warn);
      return 'sent';
    } catch (err) {
      // 403: the user blocked the bot or left the group; the sender has marked them.
      if (err instanceof TelegramError && err.code === 403) return 'blocked';
      // 400 (or too long to send): the same message would be refused again tomorrow; the error is logged.
      if ((err instanceof TelegramError && err.code === 400) || err instanceof TooLongError) {
        log?.error({ chat: chatId, error: err.message }, 'reminder refused by Telegram; not retried');
        return 'refused';
      }
      return 'failed';
    }
  };
}

/** A linked group's topic, as the database keeps it. */
export const groupTopics = (db: SweepDeps['db']): GroupTopics => ({
  of: (chatId) => groupThread(db, chatId),
  gone: (chatId) => setGroupThread(db, chatId, null),
});

/** Everything the sweep needs to reach people through this Telegram client. */
export function telegramSweepDeps(o: {
  db: SweepDeps['db'];
  logger: SweepDeps['logger'];
  timeZone: string;
  weekdays: readonly number[];
  telegram: Telegram;
  botUsername: string | null;
}): SweepDeps {
  return {
    db: o.db,
    logger: o.logger,
    timeZone: o.timeZone,
    weekdays: o.weekdays,
    send: telegramSend(o.telegram, o.logger, groupTopics(o.db)),
    formButton: formButton(o.botUsername),
  };
}
