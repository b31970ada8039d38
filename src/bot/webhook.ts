import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Update } from 'telegraf/types';
import { type ConnectionLimits, limitConnections, serverOptions, WEBHOOK_LIMITS } from '../http/limits.js';
import { LOOPBACK_PROXIES, TrustedProxies } from '../http/proxy.js';
import { answerHealth, type Health } from '../ops/health.js';

/*
 * The HTTP side of webhook mode. telegraf's own `launch({ webhook })` is not used: it always registers
 * `https://<host><path>` whatever the configured scheme, answers every refusal with 403, reads bodies without
 * a limit, lets handlers answer through the HTTP response (bypassing the shared sender), and its stop() does
 * not wait for the updates in hand, which main.ts needs before closing the database. Updates still go
 * through telegraf's `handleUpdate`, so the middleware (redelivery guard, logging, bot.catch) is the same
 * as under polling.
 */

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Telegram's updates are a few kilobytes; anything far bigger is not from Telegram. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookOptions {
  /** The path (and query) of WEBHOOK_URL: the only place updates are accepted. */
  path: string;
  secret: string;
  handleUpdate: (update: Update) => Promise<void>;
  logger: Logger;
  /** Told of each update Telegram delivers; served at `GET /healthz` when `serveHealth` (no web page port). */
  health?: Health;
  serveHealth?: boolean;
}

export interface WebhookServer {
  readonly port: number;
  /** Stops accepting requests, waits for the updates in hand, then closes every connection. */
  close(): Promise<void>;
}

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function isUpdate(body: unknown): body is Update {
  return (
    typeof body === 'object' &&
    body !== null &&
    Number.isSafeInteger((body as { update_id?: unknown }).update_id)
  );
}

function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end();
}

export function webhookListener(opts: WebhookOptions): RequestListener {
  const inFlight = new Map<number, Promise<void>>();
  return async (req, res) => {
    if (opts.health && opts.serveHealth && req.method === 'GET' && req.url === '/healthz')
      return answerHealth(res, opts.health);
    if (req.url !== opts.path) return answer(res, 404);
    if (req.method !== 'POST') return answer(res, 405, { allow: 'POST' });
    if (!sameSecret(req.headers[SECRET_HEADER], opts.secret)) {
      opts.logger.warn({ from: req.socket.remoteAddress }, 'webhook request without the right secret');
      return answer(res, 401);
    }
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (err) {
      return answer(res, err instanceof RangeError ? 413 : 400);
    }
    if (!isUpdate(body)) return answer(res, 400);
    opts.health?.answered();
    const id = body.update_id;
    // Telegram resends an update whose answer timed out, possibly while the first copy is still being
    // handled; the database guard only sees finished ones.
    const running = inFlight.get(id);
    if (running) {
      opts.logger.info({ update: id, outcome: 'duplicate' }, 'update');
      await running;
      return answer(res, 200);
    }
    const handled = opts.handleUpdate(body).finally(() => inFlight.delete(id));
    inFlight.set(id, handled);
    try {
      await handled;
      answer(res, 200);
    } catch (err) {
      // bot.catch handles handler errors; this is a failure of the error handler itself. Telegram retries on
      // 5xx, and the redelivery guard then skips the update, so the answer only affects Telegram's statistics.
      opts.logger.error({ err, update: id }, 'webhook update failed');
      answer(res, 500);
    }
  };
}

/** Listens on host:port (port 0 picks a free one) and resolves once connections are accepted. */
export async function startWebhookServer(
  opts: WebhookOptions & {
    host: string;
    port: number;
    /** TRUST_PROXY: not counted by the per-address cap (default a proxy on this machine). */
    trustProxy?: readonly string[];
    /** Default WEBHOOK_LIMITS; tests shorten them. */
    limits?: Partial<ConnectionLimits>;
  },
): Promise<WebhookServer> {
  const listener = webhookListener(opts);
  // Requests whose answer is not yet sent: stop() waits for them before closing the connections.
  const open = new Set<Promise<void>>();
  const limits = { ...WEBHOOK_LIMITS, ...opts.limits };
  const server = createServer(serverOptions(limits), (req, res) => {
    const done = new Promise<void>((resolve) => res.once('close', resolve));
    open.add(done);
    void done.then(() => open.delete(done));
    listener(req, res);
  });
  limitConnections(server, limits, new TrustedProxies(opts.trustProxy ?? LOOPBACK_PROXIES), opts.logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A client holding a connection open must not keep the bot from stopping.
      const force = setTimeout(() => server.closeAllConnections(), 10_000);
      await Promise.all([...open]);
      server.closeIdleConnections();
      await closed;
      clearTimeout(force);
    },
  };
}
