// The subpath: the package's index costs a second of start-up for one function.
import { format } from 'date-fns/format';
import { TelegramError } from 'telegraf';
import { inZone } from '../domain/vn.js';
import { type CallApi as BotCallApi, DEFAULT_API_ROOT } from '../telegram/bot-api.js';
import type { CheckResult } from './doctor.js';
import { doctorMsg as M } from './doctor-messages.js';

/* The Bot API checks: reachable, token valid (getMe), webhook state matching the configured mode. */

/** More waiting updates than this while the bot should be running suggests it is not. */
const MANY_PENDING = 100;

/** What the Bot API answered; a network failure throws instead. */
export type ApiAnswer = { ok: true; result: unknown } | { ok: false; status: number; description: string };
export type CallApi = (method: string) => Promise<ApiAnswer>;

/** The answers of the bot's own client (src/telegram/bot-api.ts): Telegram's refusals as answers. */
export function answersOf(call: BotCallApi): CallApi {
  return async (method) => {
    try {
      return { ok: true, result: await call(method, {}) };
    } catch (e) {
      if (!(e instanceof TelegramError)) throw e;
      return { ok: false, status: e.code, description: e.description };
    }
  };
}

interface ApiCheckOptions {
  call: CallApi;
  token: string;
  apiRoot: string | undefined;
  webhookUrl: string | undefined;
  timeZone: string;
}

interface WebhookInfo {
  url?: string;
  pending_update_count?: number;
  last_error_date?: number;
  last_error_message?: string;
}

export async function checkBotApi(o: ApiCheckOptions): Promise<CheckResult[]> {
  const root = o.apiRoot ?? DEFAULT_API_ROOT;
  // Never echo the token, whatever the network layer put in its message.
  const hide = (s: string) => s.replaceAll(o.token, '…');
  const ask = async (method: string): Promise<ApiAnswer | CheckResult> => {
    try {
      return await o.call(method);
    } catch (e) {
      const err = e as Error & { cause?: { message?: string } };
      const cause = err.cause?.message;
      const why = hide(cause && !err.message.includes(cause) ? `${err.message}: ${cause}` : err.message);
      return { status: 'fail', text: M.apiUnreachable(root, why), fix: M.apiUnreachableFix(!!o.apiRoot) };
    }
  };
  const failed = (method: string, a: ApiAnswer & { ok: false }): CheckResult =>
    a.status === 401 || a.status === 404
      ? {
          status: 'fail',
          text: M.tokenRejected(`${a.status} ${hide(a.description)}`),
          fix: M.tokenRejectedFix,
        }
      : {
          status: 'fail',
          text: M.apiError(method, hide(a.description)),
          fix: a.status >= 500 || a.status === 429 ? M.apiBusyFix : M.apiErrorFix,
        };

  const me = await ask('getMe');
  if ('text' in me) return [me];
  if (!me.ok) return [failed('getMe', me)];
  const bot = me.result as { id: number; username?: string };
  const results: CheckResult[] = [
    { status: 'ok', text: M.tokenOk(root.replace(/^https?:\/\//, ''), bot.username ?? '?', bot.id) },
  ];

  const info = await ask('getWebhookInfo');
  if ('text' in info) return [...results, info];
  if (!info.ok) return [...results, failed('getWebhookInfo', info)];
  return [...results, ...webhookState(info.result as WebhookInfo, o)];
}

function webhookState(info: WebhookInfo, o: ApiCheckOptions): CheckResult[] {
  const url = info.url ?? '';
  const results: CheckResult[] = [];
  if (!o.webhookUrl) {
    results.push(
      url === ''
        ? { status: 'ok', text: M.webhookNone }
        : { status: 'fail', text: M.webhookUnexpected(url), fix: M.webhookUnexpectedFix },
    );
  } else if (url === '') {
    results.push({ status: 'fail', text: M.webhookMissing(o.webhookUrl), fix: M.webhookMissingFix });
  } else if (url !== o.webhookUrl) {
    results.push({ status: 'fail', text: M.webhookElsewhere(url, o.webhookUrl), fix: M.webhookElsewhereFix });
  } else {
    results.push({ status: 'ok', text: M.webhookMatches(url) });
  }
  const pending = info.pending_update_count ?? 0;
  results.push(
    pending > MANY_PENDING
      ? { status: 'warn', text: M.pendingMany(pending), fix: M.pendingManyFix }
      : { status: 'ok', text: M.pendingOk(pending) },
  );
  if (url !== '' && info.last_error_message) {
    const when = info.last_error_date
      ? format(inZone(new Date(info.last_error_date * 1000), o.timeZone), 'dd/MM/yyyy HH:mm')
      : '?';
    results.push({ status: 'warn', text: M.lastError(when, info.last_error_message), fix: M.lastErrorFix });
  }
  return results;
}
