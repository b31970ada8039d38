import fs from 'node:fs';
import { request } from 'node:http';
// The subpath: the package's index costs start-up for one function.
import { format } from 'date-fns/format';
import type { loadCliConfig } from '../config.js';
import { inZone } from '../domain/vn.js';
import type { HealthReport } from '../ops/health.js';
import { isLocked, lockOwner } from '../ops/lock.js';
import { lastBackupIn } from '../scheduler/jobs/backup.js';
import type { CheckResult } from './doctor.js';
import { lockHolder, opsMsg as M } from './doctor-messages.js';

/*
 * What the doctor says of the running service (docs/architecture.md, "Monitoring"): whether a bot runs on this
 * database, how old the last daily backup is, and `doctor --liveness`, which asks the running bot's /healthz.
 */

/** No token needed: nothing here talks to Telegram. */
type Config = ReturnType<typeof loadCliConfig>;

/** A daily copy older than this means the backups stopped (the bot was down, or the folder is not writable). */
const BACKUP_STALE_MS = 2 * 86_400_000;

const when = (d: Date, timeZone: string) => format(inZone(d, timeZone), 'HH:mm dd/MM/yyyy');

export function checkService(config: Config, now: Date): CheckResult[] {
  const results: CheckResult[] = [];
  if (config.DATABASE_PATH !== ':memory:') {
    if (isLocked(config.DATABASE_PATH)) {
      const owner = lockOwner(config.DATABASE_PATH);
      const since = owner ? when(new Date(owner.since), config.TIMEZONE) : '';
      results.push({ status: 'ok', text: M.running(lockHolder(owner, since)) });
    } else results.push({ status: 'warn', text: M.notRunning, fix: M.notRunningFix });
  }
  // A database not created yet has nothing to back up.
  if (!config.BACKUPS || !fs.existsSync(config.DATABASE_PATH)) return results;
  const last = lastBackupIn(config.BACKUP_DIR);
  if (!last) results.push({ status: 'warn', text: M.noBackup(config.BACKUP_DIR), fix: M.noBackupFix });
  else if (now.getTime() - last.getTime() > BACKUP_STALE_MS) {
    const days = Math.floor((now.getTime() - last.getTime()) / 86_400_000);
    const text = M.backupOld(when(last, config.TIMEZONE), days);
    results.push({ status: 'warn', text, fix: M.backupOldFix(config.BACKUP_DIR) });
  } else results.push({ status: 'ok', text: M.backupOk(when(last, config.TIMEZONE), config.BACKUP_DIR) });
  return results;
}

/** Where the running bot answers /healthz: the web page's port, else the webhook's; null when it has neither. */
export function healthUrl(config: Config): string | null {
  const local = (host: string) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);
  const at = (host: string, port: number) => {
    const h = local(host);
    return `http://${h.includes(':') ? `[${h}]` : h}:${port}/healthz`;
  };
  if (config.WEB_PORT !== undefined) return at(config.WEB_HOST, config.WEB_PORT);
  if (config.WEBHOOK_URL && config.WEBHOOK_SECRET) return at(config.WEBHOOK_HOST, config.WEBHOOK_PORT);
  return null;
}

/** GET `url`: the status and the JSON body, or the reason there was none. */
function getJson(url: string, timeoutMs: number): Promise<{ status: number; body: unknown } | Error> {
  return new Promise((resolve) => {
    const req = request(url, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (e) {
          resolve(e as Error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs / 1000} s`)));
    req.on('error', resolve);
    req.end();
  });
}

/**
 * `doctor --liveness`, for a cron job or a container's health check: one line, exit code 0 when the running bot
 * says it is healthy, 1 otherwise.
 */
export async function liveness(config: Config, out: (line: string) => void): Promise<number> {
  const url = healthUrl(config);
  if (!url) {
    // No port to ask: the lock is all there is to know.
    if (!isLocked(config.DATABASE_PATH)) {
      out(M.liveDownNoPort);
      return 1;
    }
    out(M.liveUpNoPort);
    return 0;
  }
  const answer = await getJson(url, 5000);
  if (answer instanceof Error) {
    out(M.liveUnreachable(url, answer.message));
    return 1;
  }
  const r = answer.body as HealthReport;
  const tz = config.TIMEZONE;
  const at = (iso: string | null) => (iso ? when(new Date(iso), tz) : M.never);
  const facts = M.liveFacts(
    at(r.telegram?.lastAnswer ?? null),
    at(r.lastBackup),
    r.lastReminderSweep ?? M.never,
  );
  if (answer.status === 200) {
    const failing = r.telegram?.failingSince ?? null;
    out(failing ? M.liveLosing(at(failing), facts) : M.liveOk(facts));
    return 0;
  }
  out(r.database === 'error' ? M.liveDatabase(facts) : M.liveTelegram(facts));
  return 1;
}
