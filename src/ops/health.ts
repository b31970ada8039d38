import type { ServerResponse } from 'node:http';
import { TelegramError } from 'telegraf';
import type { CallApi } from '../telegram/bot-api.js';
import { classify } from '../telegram/errors.js';

/*
 * What `GET /healthz` answers and `cli doctor --liveness` reads (docs/architecture.md, "Monitoring"): when
 * Telegram last answered, whether the database answers, the last backup and the last reminder sweep. Telegram
 * counts as down once it has not answered for TELEGRAM_DOWN_MS; losing it and getting it back are logged once
 * each (warn, info), not once per failed call.
 */

/** Past this without an answer from Telegram, /healthz answers 503 (issue: "not answered for 5 minutes"). */
export const TELEGRAM_DOWN_MS = 5 * 60_000;

export interface HealthSources {
  now: () => Date;
  /** Throws when the database cannot be read. */
  pingDatabase: () => void;
  /** The newest daily backup's time, or null (none yet, or backups off). */
  lastBackup: () => Date | null;
  /** The ISO day of the last finished reminder sweep, or null. */
  lastReminderSweep: () => string | null;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  telegram: {
    /** `joining`: not answered yet since start; `up`; `lost`: calls fail, not yet for TELEGRAM_DOWN_MS; `down`. */
    state: 'joining' | 'up' | 'lost' | 'down';
    lastAnswer: string | null;
    /** Since when calls fail, when they do. */
    failingSince: string | null;
  };
  database: 'ok' | 'error';
  lastBackup: string | null;
  lastReminderSweep: string | null;
  startedAt: string;
}

interface HealthLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export class Health {
  private readonly startedAt: Date;
  private lastAnswer: Date | null = null;
  private failingSince: Date | null = null;

  constructor(
    private readonly sources: HealthSources,
    private readonly logger: HealthLogger,
  ) {
    this.startedAt = sources.now();
  }

  /** Telegram answered a call (any answer, an error included: it is reachable), or delivered a webhook update. */
  answered(): void {
    const now = this.sources.now();
    if (this.failingSince) {
      this.logger.info(
        { downMs: now.getTime() - this.failingSince.getTime(), since: this.failingSince.toISOString() },
        'Telegram reachable again',
      );
      this.failingSince = null;
    }
    this.lastAnswer = now;
  }

  /** A call got no answer (network, time-out, 5xx). */
  failed(method: string, err: unknown): void {
    if (this.failingSince) return;
    this.failingSince = this.sources.now();
    const error = err instanceof Error ? err.message : String(err);
    this.logger.warn({ method, error, lastAnswer: this.lastAnswer?.toISOString() ?? null }, 'Telegram lost');
  }

  /** How long since Telegram last answered (since start when it never has). */
  silentForMs(): number {
    return this.sources.now().getTime() - (this.lastAnswer ?? this.startedAt).getTime();
  }

  report(): HealthReport {
    let database: HealthReport['database'] = 'ok';
    try {
      this.sources.pingDatabase();
    } catch {
      database = 'error';
    }
    const silentMs = this.silentForMs();
    const state: HealthReport['telegram']['state'] =
      silentMs > TELEGRAM_DOWN_MS ? 'down' : this.failingSince ? 'lost' : this.lastAnswer ? 'up' : 'joining';
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    let lastBackup: Date | null = null;
    try {
      lastBackup = this.sources.lastBackup();
    } catch {
      // An unreadable backup folder is the doctor's to explain; the answer says "none known".
    }
    return {
      status: state === 'down' || database === 'error' ? 'unavailable' : 'ok',
      telegram: { state, lastAnswer: iso(this.lastAnswer), failingSince: iso(this.failingSince) },
      database,
      lastBackup: iso(lastBackup),
      lastReminderSweep: database === 'ok' ? this.sources.lastReminderSweep() : null,
      startedAt: this.startedAt.toISOString(),
    };
  }
}

/**
 * `call` with every outcome told to `health`: an answer (a refusal included) means Telegram is reachable; no
 * answer, or a 5xx, means it is not. A call cut short by the process stopping says nothing.
 */
export function watched(call: CallApi, health: Health): CallApi {
  return async (method, payload, options) => {
    try {
      const result = await call(method, payload, options);
      health.answered();
      return result;
    } catch (err) {
      if (options?.signal?.aborted) throw err;
      const kind = classify(err).kind;
      if (kind === 'transient' || kind === 'unanswered') health.failed(method, err);
      else if (err instanceof TelegramError) health.answered();
      throw err;
    }
  };
}

/** `GET /healthz`'s answer, on the web page's port or the webhook's: 200, or 503 when unavailable; never cached. */
export function answerHealth(res: ServerResponse, health: Health): void {
  const report = health.report();
  res
    .writeHead(report.status === 'ok' ? 200 : 503, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    })
    .end(JSON.stringify(report));
}
