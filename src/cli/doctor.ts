/* `npm run cli -- doctor`: configuration, database and Bot API checked, each with what to do about it. */
import { processClock } from '../clock.js';
import { ConfigError, type ConfigIssue, loadCliConfig, loadToken } from '../config.js';
import { MIGRATIONS_FOLDER } from '../db/client.js';
import { type CallApi, withBotApi } from '../telegram/bot-api.js';
import { answersOf, checkBotApi } from './doctor-api.js';
import { checkDatabase, type DatabaseCheckOptions } from './doctor-db.js';
import { doctorMsg as M } from './doctor-messages.js';
import { checkService, liveness } from './doctor-ops.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  status: CheckStatus;
  text: string;
  /** What the administrator should do; absent when there is nothing to do. */
  fix?: string;
}

export interface DoctorDeps {
  env: Record<string, string | undefined>;
  /** The Bot API; by default the bot's own client, through HTTPS_PROXY if set (src/telegram/bot-api.ts). */
  api?: CallApi;
  migrationsFolder?: string;
  /** The machine's clock, or CLOCK_START's (the age of the last backup). */
  now?: () => Date;
  /** How the database is opened and who runs the doctor (tests). */
  database?: DatabaseCheckOptions;
}

const ICONS: Record<CheckStatus, string> = { ok: '✅', warn: '⚠️', fail: '❌' };
/** Ports Telegram's own servers deliver webhooks to; a self-hosted Bot API server has no such rule. */
const TELEGRAM_WEBHOOK_PORTS = new Set(['443', '80', '88', '8443']);
const DEFAULT_DATABASE = './data/bot.sqlite';

/**
 * Every check runs whatever else is wrong, as far as it can: only the Bot API's needs the token, so a missing or
 * wrong BOT_TOKEN (a fresh copy of .env.example) is reported with where to get one, and the rest is still checked.
 */
export async function diagnose(deps: DoctorDeps): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let token: string | null = null;
  try {
    token = loadToken(deps.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    results.push(...e.issues.map(configIssue));
  }
  let config: ReturnType<typeof loadCliConfig> | null = null;
  try {
    config = loadCliConfig({ ...deps.env, BOT_TOKEN: undefined });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    results.push(...e.issues.map(configIssue));
  }
  if (config) {
    const mode = config.WEBHOOK_URL ? M.modeWebhook(config.WEBHOOK_URL) : M.modePolling;
    results.push({ status: 'ok', text: token ? M.configOk(mode) : M.configOkButToken(mode) });
    const webhook = config.WEBHOOK_URL ? new URL(config.WEBHOOK_URL) : null;
    const port = webhook ? webhook.port || (webhook.protocol === 'https:' ? '443' : '80') : '';
    if (webhook && !config.TELEGRAM_API_ROOT && !TELEGRAM_WEBHOOK_PORTS.has(port))
      results.push({ status: 'warn', text: M.webhookPort(port), fix: M.webhookPortFix });
  }

  // The database path rarely fails validation; it is checked even when another variable is wrong.
  const dbPath = config?.DATABASE_PATH ?? (deps.env.DATABASE_PATH?.trim() || DEFAULT_DATABASE);
  results.push(...checkDatabase(dbPath, deps.migrationsFolder ?? MIGRATIONS_FOLDER, deps.database));
  if (config) results.push(...checkService(config, (deps.now ?? processClock(config.CLOCK_START))()));

  if (!config) {
    results.push({ status: 'warn', text: M.apiSkipped, fix: M.apiSkippedFix });
    return results;
  }
  if (!token) {
    // Where to get one, or what is wrong with it, is said on the token's own line.
    results.push({ status: 'warn', text: deps.env.BOT_TOKEN?.trim() ? M.apiBadToken : M.apiNoToken });
    return results;
  }
  const bot = {
    token,
    apiRoot: config.TELEGRAM_API_ROOT,
    proxy: config.HTTPS_PROXY,
    api: deps.api,
    timeoutMs: 10_000,
  };
  const { TELEGRAM_API_ROOT: apiRoot, WEBHOOK_URL: webhookUrl, TIMEZONE: timeZone } = config;
  const checks = await withBotApi(bot, (call) =>
    checkBotApi({ call: answersOf(call), token, apiRoot, webhookUrl, timeZone }),
  );
  results.push(...checks);
  return results;
}

function configIssue(i: ConfigIssue): CheckResult {
  return { status: 'fail', text: M.configBad(i.variable, i.message), fix: M.configFix(i.variable) };
}

/** Prints one line per check (and its fix), then a summary; the exit code is 1 when any check failed. */
export function printDiagnosis(results: readonly CheckResult[], out: (line: string) => void): number {
  out(M.header);
  for (const r of results) {
    out(`${ICONS[r.status]} ${r.text}`);
    if (r.fix) out(`   → ${r.fix}`);
  }
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  const [ok, warn, fail] = [count('ok'), count('warn'), count('fail')];
  out('');
  out(M.summary(ok, warn, fail));
  out(fail > 0 ? M.failed : warn > 0 ? M.warnOnly : M.allGood);
  return fail > 0 ? 1 : 0;
}

export async function runDoctor(
  deps: DoctorDeps,
  out: (line: string) => void,
  o: { liveness?: boolean } = {},
): Promise<number> {
  if (!o.liveness) return printDiagnosis(await diagnose(deps), out);
  // /healthz needs no token.
  let config: ReturnType<typeof loadCliConfig>;
  try {
    config = loadCliConfig(deps.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    out(`❌ ${e.message}`);
    return 1;
  }
  return liveness(config, out);
}
