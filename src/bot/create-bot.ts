import type { Agent } from 'node:http';
import { type Context, Telegraf, type Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { flushWrites } from '../db/deferred.js';
import { markProcessed, wasProcessed } from '../db/repositories/processed-updates.js';
import { BlockedError } from '../telegram/sender.js';
import { jsonTransport, withTransport } from '../telegram/transport.js';
import { withSender } from '../telegram/with-sender.js';
import { onAdminButton, onUnitCommand } from './commands/admin.js';
import { onReport } from './commands/baocao.js';
import { onDeadlines, onProgrammes } from './commands/dean.js';
import { onGroupReminders, onLinkButton, onLinkGroup } from './commands/group.js';
import { sendHelp } from './commands/help.js';
import { onDueList } from './commands/nhacviec.js';
import { onKindButton } from './commands/pick-report.js';
import { onList, onReportButton } from './commands/reports.js';
import { onStart } from './commands/start.js';
import { onProgress, onProgressButton } from './commands/tiendo.js';
import { onSummary } from './commands/tongket.js';
import { onWebCode } from './commands/web.js';
import { onExport } from './commands/xuat.js';
import type { BotContext, BotDeps } from './context.js';
import { ADMIN_FLOWS } from './forms/admin-flows.js';
import { REPORT_FLOWS } from './forms/flows.js';
import { parseFormCallback } from './forms/render.js';
import { activeForm, cancelForm, continueFlow, flowRegistry, repeatQuestion } from './forms/runner.js';
import { M } from './messages.js';

export interface BotOptions {
  apiRoot?: string;
  agent?: Agent;
  /**
   * Another channel's updates (the web page, src/web/): the Bot API calls they make go to the callApi it
   * returns instead of Telegram (and skip the sender, which keeps Telegram's limits).
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

export function createBot(token: string, deps: BotDeps, opts: BotOptions = {}): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(token, {
    telegram: {
      ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}),
      ...(opts.agent ? { agent: opts.agent } : {}),
    },
  });
  const flows = flowRegistry([...REPORT_FLOWS, ...ADMIN_FLOWS]);
  // Notices and reminders use bot.telegram; replies use the Telegram object telegraf makes per update.
  // Both send plain JSON calls over our own transport (src/telegram/transport.ts), through the sender.
  const transport = jsonTransport({ token, apiRoot: opts.apiRoot, agent: opts.agent });
  withSender(withTransport(bot.telegram, transport), deps.sender);
  // The next poll confirms the batch handled: the batch's redelivery marks are written first.
  const call = bot.telegram.callApi.bind(bot.telegram);
  bot.telegram.callApi = ((method: string, payload: unknown, options?: unknown) => {
    if (method === 'getUpdates') flushWrites(deps.db);
    return (call as (...a: unknown[]) => Promise<unknown>)(method, payload, options);
  }) as Telegram['callApi'];
  bot.use((ctx, next) => {
    const local = opts.channel?.(ctx.update);
    if (local) ctx.telegram.callApi = local;
    else withSender(withTransport(ctx.telegram, transport), deps.sender);
    return next();
  });

  // One chat's updates in the order they came: telegraf hands a batch's updates over all at once, and a handler
  // that waits (on Telegram, say, before saving) must not let the same person's next update overtake it.
  bot.use(inChatOrder());

  // One log line per update; a redelivered update (lost confirmation, crash) is handled once.
  bot.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.flows = flows;
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

  bot.command('huy', async (ctx) => {
    await ctx.reply(cancelForm(ctx) ? M.form.cancelled : M.form.nothingToCancel);
  });
  bot.command('trogiup', (ctx) => sendHelp(ctx));

  // In a private chat with a form open, everything goes to the form; other commands re-ask the question.
  bot.on('message', async (ctx, next) => {
    if (ctx.chat.type !== 'private') return next();
    const form = activeForm(ctx);
    if (!form) return next();
    const text = 'text' in ctx.message ? ctx.message.text : undefined;
    if (commandOf(text)) return repeatQuestion(ctx, form, M.form.busy);
    await continueFlow(ctx, text === undefined ? { type: 'other' } : { type: 'text', text }, form);
  });

  bot.start((ctx) => onStart(ctx, ctx.payload));
  bot.command('baocao', (ctx) => onReport(ctx));
  bot.command('danhsach', (ctx) => onList(ctx));
  bot.command('lienket', (ctx) => onLinkGroup(ctx));
  bot.command('tiendo', (ctx) => onProgress(ctx, ctx.payload));
  bot.command('xuat', (ctx) => onExport(ctx, ctx.payload));
  bot.command('tongket', (ctx) => onSummary(ctx, ctx.payload));
  bot.command('dean', (ctx) => onProgrammes(ctx, ctx.payload));
  bot.command('hanchot', (ctx) => onDeadlines(ctx, ctx.payload));
  bot.command('donvi', (ctx) => onUnitCommand(ctx, ctx.payload, 'unit'));
  bot.command('nhatky', (ctx) => onUnitCommand(ctx, ctx.payload, 'audit'));
  bot.command('nhacviec', (ctx) => onDueList(ctx));
  bot.command('nhacnhom', (ctx) => onGroupReminders(ctx, ctx.payload));
  bot.command('web', (ctx) => onWebCode(ctx));

  bot.on('callback_query', async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
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
    if (kind === 'a') return onAdminButton(ctx, data);
    await ctx.answerCbQuery(M.form.stale);
  });

  bot.on('message', async (ctx) => {
    if (ctx.chat.type === 'private') await ctx.reply(M.unknownText);
  });

  bot.catch(async (err, ctx) => {
    // The sender has marked them blocked already; telling them something went wrong cannot reach them.
    if (err instanceof BlockedError && err.chatId === ctx.chat?.id) {
      deps.logger.info({ update: ctx.update.update_id, chat: err.chatId }, 'chat unreachable (403)');
      return;
    }
    deps.logger.error({ err, update: ctx.update.update_id }, 'handler failed');
    await ctx.reply(M.error).catch(() => undefined);
  });
  return bot;
}
