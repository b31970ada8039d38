import { type Context, Telegraf, type Telegram } from 'telegraf';
import type { Message, MessageEntity, Update } from 'telegraf/types';
import { flushWhenFree } from '../db/deferred.js';
import { markProcessed, wasProcessed } from '../db/repositories/processed-updates.js';
import type { CallApi } from '../telegram/bot-api.js';
import { callingThrough, forChat, throughSender } from '../telegram/calls.js';
import { BlockedError, StoppedSendingError } from '../telegram/sender.js';
import { answeringThePress } from './answer-press.js';
import { onReport } from './commands/baocao.js';
import { onKindButton } from './commands/baocao-kind.js';
import { onList, onReportButton } from './commands/danhsach.js';
import { onDeadlines, onProgrammes } from './commands/dean.js';
import { onAdminButton, onUnitCommand } from './commands/donvi.js';
import { onGroupReminders, onLinkButton, onLinkGroup } from './commands/lienket.js';
import { onDueButton, onDueList } from './commands/nhacviec.js';
import { onImportButton, onImportCommand, onImportFile } from './commands/nhap.js';
import { onStart } from './commands/start.js';
import { onProgress, onProgressButton } from './commands/tiendo.js';
import { onSummary } from './commands/tongket.js';
import { sendHelp } from './commands/trogiup.js';
import { onWebCode } from './commands/web.js';
import { onExport } from './commands/xuat.js';
import { type BotContext, type BotDeps, newBotLimits } from './context.js';
import { ADMIN_FLOWS } from './forms/admin-flows.js';
import { REPORT_FLOWS } from './forms/flows.js';
import { parseFormCallback } from './forms/render.js';
import { activeForm, cancelForm, continueFlow, flowRegistry, repeatQuestion } from './forms/runner.js';
import { M } from './messages.js';

export interface BotOptions {
  /**
   * The Bot API (src/telegram/bot-api.ts; main.ts joins Telegram through it, src/telegram/join.ts), or the web
   * page's when there is no Telegram (the sandbox).
   */
  api: CallApi | Telegram['callApi'];
  /**
   * Another channel's updates (the web page, src/web/): the Bot API calls they make for the update's own chat
   * (and those naming no chat, such as answerCallbackQuery) go to the callApi it returns instead of Telegram, and
   * skip the sender, which keeps Telegram's limits; calls for any other chat go out as the bot's own do.
   */
  channel?: (update: Update) => Telegram['callApi'] | undefined;
}

/** `/cmd@bot args` → `cmd`; null when the text is not a command. */
export function commandOf(text: string | undefined): string | null {
  const m = text ? /^\/([A-Za-z0-9_]+)(?:@\w+)?(?:\s|$)/.exec(text) : null;
  return m?.[1]?.toLowerCase() ?? null;
}

/** A short name for what the update is, for the log: never the text people typed. */
function describe(u: Update): string {
  if ('message' in u) {
    const command = 'text' in u.message ? commandOf(u.message.text) : null;
    return command ? `/${command}` : 'text' in u.message ? 'text' : 'message:other';
  }
  if ('callback_query' in u) {
    const data = 'data' in u.callback_query ? u.callback_query.data : '';
    return `button:${data.split(':')[0] ?? ''}`;
  }
  return Object.keys(u).find((k) => k !== 'update_id') ?? 'unknown';
}

/**
 * Middleware: each chat's updates run one after another, in arrival order; different chats run side by side.
 * A failed update does not hold up the next (its error still reaches bot.catch).
 */
export function inChatOrder(): (ctx: Context, next: () => Promise<void>) => Promise<void> {
  const tails = new Map<number, Promise<void>>();
  return (ctx, next) => {
    const chat = ctx.chat?.id ?? ctx.from?.id;
    if (chat === undefined) return next();
    const before = tails.get(chat);
    const run = before ? before.then(next) : next();
    const tail = run.catch(() => undefined);
    tails.set(chat, tail);
    void tail.then(() => {
      if (tails.get(chat) === tail) tails.delete(chat);
    });
    return run;
  };
}

type Handler = (ctx: BotContext, payload: string) => unknown;

/** Commands that work even with a form open: /huy ends it, /trogiup helps without leaving it. */
const ANYTIME: Partial<Record<string, Handler>> = {
  huy: async (ctx) => {
    await ctx.reply(cancelForm(ctx) ? M.form.cancelled : M.form.nothingToCancel);
  },
  trogiup: (ctx) => sendHelp(ctx),
};

/** The other commands; `payload` is the text after the command (`/tiendo 2025` → "2025"). */
const COMMANDS: Partial<Record<string, Handler>> = {
  start: (ctx, payload) => onStart(ctx, payload),
  baocao: (ctx) => onReport(ctx),
  danhsach: (ctx) => onList(ctx),
  lienket: (ctx) => onLinkGroup(ctx),
  tiendo: (ctx, payload) => onProgress(ctx, payload),
  xuat: (ctx, payload) => onExport(ctx, payload),
  tongket: (ctx, payload) => onSummary(ctx, payload),
  dean: (ctx, payload) => onProgrammes(ctx, payload),
  hanchot: (ctx, payload) => onDeadlines(ctx, payload),
  donvi: (ctx, payload) => onUnitCommand(ctx, payload, 'unit'),
  nhatky: (ctx, payload) => onUnitCommand(ctx, payload, 'audit'),
  nhacviec: (ctx) => onDueList(ctx),
  nhacnhom: (ctx, payload) => onGroupReminders(ctx, payload),
  web: (ctx) => onWebCode(ctx),
  nhap: (ctx) => onImportCommand(ctx),
};

/**
 * The command a message starts with, read as telegraf's bot.command reads it: a bot_command entity at offset 0,
 * case as typed, `/cmd@name` only when name is this bot's (in any case); payload is the text after "/cmd ".
 */
export function commandIn(message: object, me: string): { name: string; payload: string } | null {
  if (!('text' in message) || typeof message.text !== 'string') return null;
  const entity = 'entities' in message ? (message.entities as MessageEntity[] | undefined)?.[0] : undefined;
  if (entity?.type !== 'bot_command' || entity.offset > 0) return null;
  const [name, to] = message.text.slice(1, entity.length).split('@');
  if (!name || (to && to.toLowerCase() !== me.toLowerCase())) return null;
  return { name, payload: message.text.slice(entity.length + 1) };
}

/** Messages: /huy and /trogiup always; with a form open in a private chat, the form; then the commands. */
async function onMessage(ctx: BotContext, message: Message): Promise<unknown> {
  const command = commandIn(message, ctx.me);
  const anytime = command && ANYTIME[command.name];
  if (anytime) return anytime(ctx, command.payload);
  // In a private chat with a form open, everything goes to the form; other commands re-ask the question.
  const form = ctx.chat?.type === 'private' ? activeForm(ctx) : null;
  if (form) {
    const text = 'text' in message ? message.text : undefined;
    if (commandOf(text)) return repeatQuestion(ctx, form, M.form.busy);
    return continueFlow(ctx, text === undefined ? { type: 'other' } : { type: 'text', text }, form);
  }
  const handler = command && COMMANDS[command.name];
  if (handler) return handler(ctx, command.payload);
  if (ctx.chat?.type !== 'private') return undefined;
  return 'document' in message ? onImportFile(ctx, message.document) : ctx.reply(M.unknownText);
}

/** Buttons: a form's answer, or one of the commands' own buttons; anything else is out of date. */
async function onButton(ctx: BotContext): Promise<void> {
  const query = ctx.callbackQuery;
  const data = query && 'data' in query ? query.data : '';
  const formInput = parseFormCallback(data);
  if (formInput) {
    if (!(await continueFlow(ctx, formInput))) await ctx.answerCbQuery(M.form.stale);
    return;
  }
  const [kind, a = '', b = ''] = data.split(':');
  if (kind === 'r' && /^\d+$/.test(b)) return onReportButton(ctx, a, Number(b));
  if (kind === 'l' && /^\d+$/.test(a)) return onLinkButton(ctx, Number(a));
  if (kind === 'k') return onKindButton(ctx, a, b);
  if (kind === 't') return onProgressButton(ctx, data);
  if (kind === 'n') return onDueButton(ctx, data);
  if (kind === 'a') return onAdminButton(ctx, data);
  if (kind === 'i') return onImportButton(ctx, a, b);
  await ctx.answerCbQuery(M.form.stale);
}

export function createBot(token: string, deps: BotDeps, opts: BotOptions): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(token);
  const flows = flowRegistry([...REPORT_FLOWS, ...ADMIN_FLOWS]);
  const limits = newBotLimits();
  // Notices and reminders use bot.telegram; replies use the Telegram object telegraf makes per update. Both make
  // their calls through the sender (src/telegram/calls.ts). The next poll confirms the batch handled: the
  // batch's redelivery marks are written first.
  const calls = throughSender(deps.sender, opts.api as CallApi, {
    beforePoll: (signal) =>
      flushWhenFree(deps.db, {
        signal,
        onWait: (err) => deps.logger.warn({ error: err.message }, 'database busy; the next poll waits'),
      }),
  });
  callingThrough(bot.telegram, calls);
  bot.use((ctx, next) => {
    const local = opts.channel?.(ctx.update);
    const own = ctx.chat?.id;
    // The page shows its own chat only (no Telegram limits to keep); a call for another chat (a linked group's
    // notice) goes where the bot's own calls go: through the sender to Telegram (in the sandbox, nowhere).
    const page = local ? throughSender(deps.sender, local as CallApi, { queue: false }) : null;
    callingThrough(ctx.telegram, page ? (own === undefined ? page : forChat(own, page, calls)) : calls);
    return next();
  });

  // One chat's updates in the order they came: telegraf hands a batch's updates over all at once, and a handler
  // that waits (on Telegram, say, before saving) must not let the same person's next update overtake it.
  bot.use(inChatOrder());

  // One log line per update; a redelivered update (lost confirmation, crash) is handled once.
  bot.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.flows = flows;
    ctx.limits = limits;
    const id = ctx.update.update_id;
    if (wasProcessed(deps.db, id)) {
      deps.logger.info({ update: id, outcome: 'duplicate' }, 'update');
      return;
    }
    const t0 = performance.now();
    let outcome = 'ok';
    try {
      await next();
    } catch (err) {
      outcome = 'error';
      throw err;
    } finally {
      markProcessed(deps.db, id, deps.now());
      const ms = Math.round((performance.now() - t0) * 10) / 10;
      deps.logger.info({ update: id, step: ctx.step ?? describe(ctx.update), ms, outcome }, 'update');
    }
  });

  // Every update past here goes to one router: 16 telegraf `bot.command` layers (two promises each, whether they
  // match or not) cost a button press ~70 µs before its handler ran (BENCHMARKS.md, "Throughput").
  bot.use(async (ctx) => {
    if (ctx.callbackQuery) await answeringThePress(ctx, () => onButton(ctx));
    else if (ctx.message) await onMessage(ctx, ctx.message);
  });

  bot.catch(async (err, ctx) => {
    // The sender has marked them blocked already; telling them something went wrong cannot reach them.
    if (err instanceof BlockedError && err.chatId === ctx.chat?.id) {
      deps.logger.info({ update: ctx.update.update_id, chat: err.chatId }, 'chat unreachable (403)');
      return;
    }
    // The process is stopping (docs/architecture.md, "Stopping"): nothing more goes out.
    if (err instanceof StoppedSendingError) {
      deps.logger.info({ update: ctx.update.update_id, method: err.method }, 'stopping: reply not sent');
      return;
    }
    deps.logger.error({ err, update: ctx.update.update_id }, 'handler failed');
    await ctx.reply(M.error).catch(() => undefined);
  });
  return bot;
}
