/* `remind [--at ISO-8601] [--dry-run]`: the daily sweep as of an instant, through the Bot API. */
import pino from 'pino';
import { Telegram } from 'telegraf';
import { clockFrom } from '../clock.js';
import { recipientsOf } from '../db/repositories/recipients.js';
import { getSetting } from '../db/repositories/settings.js';
import { WORKWEEK } from '../domain/calendar.js';
import { runSweep } from '../scheduler/jobs/reminder-sweep.js';
import { withBotApi } from '../telegram/bot-api.js';
import { callingThrough, throughSender } from '../telegram/calls.js';
import { createSender } from '../telegram/create-sender.js';
import { telegramSweepDeps } from '../telegram/delivery.js';
import { type CliContext, CliError } from './context.js';
import { msg, recipientName } from './messages.js';

function parseArgs(args: readonly string[], fallback: Date): { at: Date; dryRun: boolean } {
  let at = fallback;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--dry-run') dryRun = true;
    else if (a === '--at' && args[i + 1]) {
      at = new Date(args[++i] as string);
      if (Number.isNaN(at.getTime())) throw new CliError(`"${args[i]}" không phải thời điểm ISO-8601.`, 2);
    } else throw new CliError(msg.notUnderstood(a ?? ''), 2);
  }
  return { at, dryRun };
}

export async function runRemind(ctx: CliContext, args: readonly string[]): Promise<number> {
  const { at, dryRun } = parseArgs(args, ctx.now);
  const { token } = ctx.telegram;
  if (!token && !dryRun) throw new CliError(msg.remindNeedsToken);
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const limits = ctx.reminders?.limits ?? {
    SEND_MAX_PER_SECOND: 30,
    SEND_MAX_PER_CHAT_PER_SECOND: 1,
    SEND_MAX_PER_GROUP_PER_MINUTE: 20,
  };
  const sender = createSender(limits, ctx.db, logger, clockFrom(ctx.now));
  const report = await withBotApi({ ...ctx.telegram, token: token ?? '0:dry-run' }, (api) => {
    const deps = telegramSweepDeps({
      db: ctx.db,
      logger,
      timeZone: ctx.timeZone,
      weekdays: ctx.reminders?.weekdays ?? WORKWEEK,
      telegram: callingThrough(new Telegram(token ?? '0:dry-run'), throughSender(sender, api)),
      botUsername: getSetting(ctx.db, 'bot_username'),
    });
    return runSweep(deps, at, { dryRun });
  });
  if (!report.officeDay) {
    ctx.out(`Ngày ${report.day} không phải ngày gửi nhắc việc (cuối tuần hoặc ngày lễ): không gửi gì.`);
    return 0;
  }
  const chats = report.digests.map((d) => d.chatId);
  const recipients = recipientsOf(ctx.db, chats, report.day);
  for (const d of report.digests)
    ctx.out(msg.remindTo(recipientName(d.chatId, recipients.get(d.chatId)), d.items, d.text));
  ctx.out(
    dryRun
      ? `Xem trước: ${report.digests.length} tin nhắn sẽ được gửi; chưa gửi gì.`
      : `Đã gửi ${report.sent} tin nhắn${report.failed > 0 ? `, ${report.failed} không gửi được (sẽ thử lại lần sau)` : ''}.`,
  );
  return 0;
}
