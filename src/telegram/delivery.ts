import { type Telegram, TelegramError } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { formButtonData, formStartPayload } from '../bot/commands/pick-report.js';
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

export function telegramSend(telegram: Telegram, log?: { error(details: object, message: string): void }) {
  return async (chatId: number, m: Outgoing): Promise<Delivery> => {
    try {
      const reply_markup =
        m.buttons.length > 0
          ? { inline_keyboard: m.buttons.map((row) => row.flatMap(toInline)).filter((row) => row.length > 0) }
          : undefined;
      await telegram.sendMessage(chatId, m.text, reply_markup ? { reply_markup } : {});
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
    send: telegramSend(o.telegram, o.logger),
    formButton: formButton(o.botUsername),
  };
}
