import { type Telegram, TelegramError } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { formButtonData, formStartPayload } from '../bot/commands/pick-report.js';
import type { DueItem, DueKind } from '../domain/deadlines.js';
import type { ReportKind } from '../domain/report-kinds.js';
import type { Delivery, OutButton, Outgoing, SweepDeps } from '../scheduler/jobs/reminder-sweep.js';

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

const toInline = (b: OutButton): InlineKeyboardButton =>
  b.url ? { text: b.label, url: b.url } : { text: b.label, callback_data: b.data ?? '' };

export function telegramSend(telegram: Telegram) {
  return async (chatId: number, m: Outgoing): Promise<Delivery> => {
    try {
      const reply_markup =
        m.buttons.length > 0 ? { inline_keyboard: m.buttons.map((row) => row.map(toInline)) } : undefined;
      await telegram.sendMessage(chatId, m.text, reply_markup ? { reply_markup } : {});
      return 'sent';
    } catch (err) {
      // 403: the user blocked the bot or left the group; the sender has marked them.
      return err instanceof TelegramError && err.code === 403 ? 'blocked' : 'failed';
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
    send: telegramSend(o.telegram),
    formButton: formButton(o.botUsername),
  };
}
