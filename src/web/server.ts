import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Update, User } from 'telegraf/types';
import { DashboardError, dashboardData, dashboardTrend, resolveQuery } from '../dashboard/data.js';
import { exportXlsx, summaryDocx } from '../dashboard/files.js';
import type { Db } from '../db/client.js';
import { upsertUser } from '../db/repositories/members.js';
import {
  createWebSession,
  endWebSession,
  findWebSession,
  inviteIsOpen,
  redeemWebSignInCode,
  WEB_SESSION_DAYS,
  type WebSession,
} from '../db/repositories/web-sessions.js';
import { Throttle } from '../domain/throttle.js';
import { formatWait, isoDateIn } from '../domain/vn.js';
import { type ConnectionLimits, limitConnections, serverOptions, WEB_LIMITS } from '../http/limits.js';
import { LOOPBACK_PROXIES, TrustedProxies } from '../http/proxy.js';
import { answerHealth, type Health } from '../ops/health.js';
import { newWebUserId, type WebChannel } from './channel.js';
import { checkInitData } from './miniapp.js';
import { parseUrl, Site } from './site.js';
import { W } from './texts.js';

/*
 * The web page and its JSON API (node:http, no framework): sign-in with an invite or a `/web` code, then
 * send / press / poll. Every action goes through the WebChannel, i.e. through the bot's own handlers.
 */

const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'public');
const STATIC: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/web': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/base.css': ['base.css', 'text/css; charset=utf-8'],
  '/app.css': ['app.css', 'text/css; charset=utf-8'],
  '/dashboard': ['dashboard.html', 'text/html; charset=utf-8'],
  '/dashboard.js': ['dashboard.js', 'text/javascript; charset=utf-8'],
  '/dashboard.css': ['dashboard.css', 'text/css; charset=utf-8'],
};
const CSP = "default-src 'self'; img-src 'self' blob:; frame-ancestors 'none'";
/** The dashboard is also a Telegram Mini App: Telegram Web frames it (docs/architecture.md, "Dashboard"). */
const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; img-src 'self' blob: data:; frame-ancestors https://web.telegram.org";
const DASHBOARD_FILES = new Set(['/dashboard', '/dashboard.js', '/dashboard.css']);
const MAX_BODY = 64 * 1024;
const MAX_TEXT = 4096;
const POLL_MS = 25_000;

export interface WebServerOptions {
  host: string;
  port: number;
  db: Db;
  channel: WebChannel;
  handleUpdate: (update: Update) => Promise<void>;
  logger: Logger;
  now: () => Date;
  /** TRUST_PROXY: the reverse proxies whose X-Forwarded-For is believed; default one on this machine. */
  trustProxy?: readonly string[];
  /** WEB_URL: the page's public address; its host name is served besides IP addresses and localhost. */
  publicUrl?: string;
  /** Connections held at most, and their time-outs (default WEB_LIMITS; tests shorten them). */
  limits?: Partial<ConnectionLimits>;
  /** Served at `GET /healthz` (docs/architecture.md, "Monitoring"). */
  health?: Health;
  /** The bot's token: a Mini App's initData is signed with it. Absent: no Mini App sign-in. */
  botToken?: string;
  /** ADMIN_IDS, and the office's time zone (the dashboard's scope and "today", as the bot's). */
  adminIds?: readonly number[];
  timeZone?: string;
}

export interface WebServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Wrong sign-in codes allowed per client address in 10 minutes; then the address waits 10 minutes, twice as long
 * each time it comes back to it, up to a day (docs/architecture.md, "Limits").
 */
export const SIGN_IN_LIMIT = { max: 10, windowMs: 10 * 60_000, lockMs: 10 * 60_000, maxLockMs: 86_400_000 };

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    })
    .end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  // A form on another site cannot send JSON without a CORS preflight, which this server never allows.
  if (!req.headers['content-type']?.startsWith('application/json')) throw new HttpError(415, W.badRequest);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, W.tooLong);
    chunks.push(chunk);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof body === 'object' && body !== null) return body as Record<string, unknown>;
  } catch {}
  throw new HttpError(400, W.badRequest);
}

const asUser = (s: WebSession): User => ({
  id: s.userId,
  is_bot: false,
  first_name: s.firstName,
  language_code: 'vi',
});

export function webListener(opts: WebServerOptions) {
  const { db, channel, now } = opts;
  const proxies = new TrustedProxies(opts.trustProxy ?? LOOPBACK_PROXIES);
  const site = new Site(opts.publicUrl, proxies);
  const session = (req: IncomingMessage, bearer = false): WebSession => {
    // The dashboard's routes also take the Mini App's token: in Telegram Web's frame cookies may be blocked.
    const auth = bearer ? /^Bearer ([0-9a-f]{64})$/.exec(req.headers.authorization ?? '')?.[1] : undefined;
    const id = auth ?? site.cookieOf(req);
    const s = id ? findWebSession(db, id, now()) : null;
    if (!s) throw new HttpError(401, W.signedOut);
    return s;
  };

  // Codes are long and random, but guessing should still be slow: a client that keeps failing waits.
  const signInFailures = new Throttle(SIGN_IN_LIMIT);

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const client = proxies.client(req);
    // Counted before anything is awaited: sign-ins sent together cannot all pass the check.
    const wait = signInFailures.begin(client, now().getTime());
    if (wait > 0) {
      opts.logger.warn({ client }, 'web sign-in refused: too many wrong codes');
      const retryAfter = String(Math.ceil(wait / 1000));
      throw new HttpError(429, W.tooManyTries(formatWait(wait)), { 'retry-after': retryAfter });
    }
    let failed = true;
    try {
      const body = await readBody(req);
      const code = typeof body.code === 'string' ? body.code.trim() : '';
      const name = typeof body.name === 'string' ? body.name.trim().slice(0, 64) : '';
      if (!/^[A-Za-z0-9]{4,32}$/.test(code)) throw new HttpError(400, W.needCode);
      const known = redeemWebSignInCode(db, code, now());
      if (known === null && !inviteIsOpen(db, code, now())) throw new HttpError(400, W.badCode);
      // A right invite without a name is no guess.
      failed = false;
      if (known === null && !name) throw new HttpError(400, W.needName);
      const userId = known ?? newWebUserId();
      if (known === null) upsertUser(db, { id: userId, firstName: name });
      const s = createWebSession(db, userId, now());
      // The bot's own /start greets, and redeems the invite, exactly as in Telegram.
      await channel.sendText(
        asUser(s),
        known === null ? `/start ${code}` : '/start',
        opts.handleUpdate,
        true,
      );
      send(
        res,
        200,
        { name: s.firstName },
        { 'set-cookie': site.sessionCookie(req, s.id, WEB_SESSION_DAYS * 86_400) },
      );
    } finally {
      const r = signInFailures.end(client, now().getTime(), failed);
      if (failed) {
        const level = r.recent > 1 || r.lockedMs > 0 ? 'warn' : 'info';
        opts.logger[level](
          { client, failures: r.recent, lockedMs: r.lockedMs },
          'web sign-in with a wrong code',
        );
      }
    }
  }

  /** `POST /api/miniapp/signin {initData}`: a session for the Telegram user the initData names (miniapp.ts). */
  async function miniAppSignIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (!opts.botToken) throw new HttpError(404, W.miniAppOff);
    const check = checkInitData(typeof body.initData === 'string' ? body.initData : '', opts.botToken, now());
    if (!check.ok) {
      // Never the initData itself: it is a credential for the next hour.
      opts.logger.warn({ client: proxies.client(req), reason: check.reason }, 'mini app sign-in refused');
      throw new HttpError(401, W.miniAppRefused);
    }
    upsertUser(db, check.user);
    const s = createWebSession(db, check.user.id, now());
    send(
      res,
      200,
      { name: s.firstName, token: s.id },
      { 'set-cookie': site.sessionCookie(req, s.id, WEB_SESSION_DAYS * 86_400) },
    );
  }

  const dashboardEnv = () => ({
    db,
    adminIds: opts.adminIds ?? [],
    today: isoDateIn(now(), opts.timeZone ?? 'Asia/Ho_Chi_Minh'),
  });

  /**
   * `GET /api/dashboard`, `/api/dashboard/trend`, `/api/dashboard/export.xlsx`, `/api/dashboard/summary.docx`
   * (docs/dashboard-api.md).
   */
  async function dashboard(res: ServerResponse, url: URL, s: WebSession) {
    const q: Record<string, number> = {};
    for (const key of ['unit', 'from', 'to', 'programme']) {
      const v = url.searchParams.get(key);
      if (v === null || v === '') continue;
      if (!/^\d{1,12}$/.test(v)) throw new HttpError(400, W.badRequest);
      q[key] = Number(v);
    }
    const env = dashboardEnv();
    const user = { id: s.userId, name: s.firstName };
    try {
      // `trend=0`: the table alone, which the page draws first, then asks for the trend (BENCHMARKS.md).
      if (url.pathname === '/api/dashboard') {
        const trend = url.searchParams.get('trend') !== '0';
        return send(res, 200, dashboardData(env, user, q, { trend }));
      }
      if (url.pathname === '/api/dashboard/trend') return send(res, 200, dashboardTrend(env, user, q));
      if (url.pathname === '/api/dashboard/export.xlsx' || url.pathname === '/api/dashboard/summary.docx') {
        const { unit, span } = resolveQuery(env, user, q);
        const file = url.pathname.endsWith('.xlsx')
          ? await exportXlsx(env, unit.id, span)
          : await summaryDocx(env, unit.id, span);
        res
          .writeHead(200, {
            'content-type': file.mime,
            'content-length': String(file.body.length),
            'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          })
          .end(file.body);
        return;
      }
    } catch (e) {
      if (e instanceof DashboardError) throw new HttpError(e.status, e.message);
      throw e;
    }
    throw new HttpError(404, W.notFound);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseUrl(req.url);
    if (!url) {
      // `GET http://[zz/`, `//[`: nothing a page asks for; one short line, no stack (it is not our failure).
      opts.logger.info({ client: req.socket.remoteAddress }, 'web request with an unreadable URL');
      throw new HttpError(400, W.badRequest);
    }
    // For a monitor, under whatever name it uses; it reads nothing a page could misuse.
    if (opts.health && req.method === 'GET' && url.pathname === '/healthz')
      return answerHealth(res, opts.health);
    // A name that is not ours points here (DNS rebinding): a page on that name must not reach the API.
    if (!site.servesHost(req.headers.host)) {
      opts.logger.warn(
        { host: req.headers.host?.slice(0, 100) },
        'web request for another host name; set WEB_URL?',
      );
      throw new HttpError(421, W.wrongHost);
    }
    const file = STATIC[url.pathname];
    if (file && req.method === 'GET') {
      const body = await readFile(path.join(PUBLIC_DIR, file[0]));
      res
        .writeHead(200, {
          'content-type': file[1],
          'cache-control': 'no-cache',
          'content-security-policy': DASHBOARD_FILES.has(url.pathname) ? DASHBOARD_CSP : CSP,
          'x-content-type-options': 'nosniff',
        })
        .end(body);
      return;
    }
    const post = req.method === 'POST';
    // Another site's form or script (CSRF); its JSON would need a CORS preflight, which is never allowed.
    if (post && !site.sameSite(req)) throw new HttpError(403, W.otherSite);
    if (post && url.pathname === '/api/signin') return signIn(req, res);
    if (post && url.pathname === '/api/miniapp/signin') return miniAppSignIn(req, res);
    if (req.method === 'GET' && url.pathname.startsWith('/api/dashboard')) {
      return dashboard(res, url, session(req, true));
    }
    if (post && url.pathname === '/api/signout') {
      await readBody(req);
      const id = site.cookieOf(req);
      if (id) endWebSession(db, id);
      return send(res, 200, {}, { 'set-cookie': site.sessionCookie(req, '', 0) });
    }
    if (req.method === 'GET' && url.pathname === '/api/poll') {
      const s = session(req);
      const since = Number(url.searchParams.get('version') ?? -1);
      if (url.searchParams.has('wait')) await channel.waitForChange(s.userId, since, POLL_MS);
      return send(res, 200, { name: s.firstName, ...channel.snapshot(s.userId, since) });
    }
    if (post && url.pathname === '/api/send') {
      const s = session(req);
      const body = await readBody(req);
      const text = typeof body.text === 'string' ? body.text.trim() : '';
      if (!text) throw new HttpError(400, W.badRequest);
      if (text.length > MAX_TEXT) throw new HttpError(400, W.tooLong);
      const seen = channel.snapshot(s.userId).version;
      await channel.sendText(asUser(s), text, opts.handleUpdate);
      return send(res, 200, channel.snapshot(s.userId, seen));
    }
    if (post && url.pathname === '/api/press') {
      const s = session(req);
      const body = await readBody(req);
      const seen = channel.snapshot(s.userId).version;
      const ok =
        typeof body.data === 'string' &&
        (await channel.press(asUser(s), Number(body.messageId), body.data, opts.handleUpdate));
      if (!ok) throw new HttpError(409, W.noButton);
      return send(res, 200, channel.snapshot(s.userId, seen));
    }
    const fileMatch = /^\/api\/file\/([0-9a-f]{24})$/.exec(url.pathname);
    if (req.method === 'GET' && fileMatch?.[1]) {
      const s = session(req);
      const f = channel.file(s.userId, fileMatch[1]);
      if (!f) throw new HttpError(404, W.fileGone);
      const disposition = url.searchParams.has('download') ? 'attachment' : 'inline';
      res
        .writeHead(200, {
          'content-type': f.mime,
          'content-length': String(f.body.length),
          'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(f.name)}`,
          'cache-control': 'private, max-age=3600',
          'x-content-type-options': 'nosniff',
        })
        .end(f.body);
      return;
    }
    throw new HttpError(404, W.notFound);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return send(res, err.status, { error: err.message }, err.headers);
      opts.logger.error({ err }, 'web request failed');
      if (!res.headersSent) send(res, 500, { error: W.failed });
      else res.end();
    });
  };
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const limits = { ...WEB_LIMITS, ...opts.limits };
  const server = createServer(serverOptions(limits), webListener(opts));
  limitConnections(server, limits, new TrustedProxies(opts.trustProxy ?? LOOPBACK_PROXIES), opts.logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    port,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Long polls are waiting: they carry nothing that could be lost.
      setTimeout(() => server.closeAllConnections(), 1000).unref();
      await closed;
    },
  };
}
