import http from 'node:http';
import https from 'node:https';
import { type Telegram, TelegramError } from 'telegraf';
import { KeepAlivePool } from './keep-alive.js';

/** What telegraf's Telegram.callApi looks like to a caller. */
export type CallApi = (
  method: string,
  payload: unknown,
  options?: { signal?: AbortSignal },
) => Promise<unknown>;

export interface TransportOptions {
  token: string;
  /** The Bot API server; Telegram's own when absent. */
  apiRoot?: string;
  /** e.g. HTTPS_PROXY's agent; our own kept-alive connections otherwise (keep-alive.ts). */
  agent?: http.Agent;
  /**
   * A call with no answer after this long fails as a network failure (ETIMEDOUT), which the sender retries:
   * a call hanging for ever would hold its chat's queue, and telegraf's batch, for ever. Default 60 s.
   */
  timeoutMs?: number;
}

/** Drops null and undefined, as telegraf does: the Bot API reads a present null as a value. */
const replacer = (_: string, value: unknown) => (value == null ? undefined : value);

/** The body: a replacer makes JSON.stringify several times slower, so it runs only when a null is there. */
function bodyOf(payload: unknown): string {
  const plain = JSON.stringify(payload ?? {});
  return plain.includes(':null') ? JSON.stringify(payload, replacer) : plain;
}

type Json = { ok?: boolean; result?: unknown; error_code?: number; description?: string };

/**
 * Reads an answer the way telegraf does: `ok: false` throws telegraf's TelegramError with the same `response` and
 * `on`, a 5xx throws one with the status as error_code, so the sender's retries and the handlers' error checks see
 * what they always saw. The token is in neither.
 */
function settle(method: string, payload: unknown, status: number, reason: string, body: Buffer): unknown {
  const on = { method, payload: payload ?? {} };
  if (status >= 500)
    throw new TelegramError({ error_code: status, description: reason || `HTTP ${status}` }, on);
  let data: Json;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch {
    throw new TelegramError(
      { error_code: status, description: `HTTP ${status}: the answer is not JSON` },
      on,
    );
  }
  if (data.ok) return data.result;
  throw new TelegramError(
    { ...data, error_code: data.error_code ?? status, description: data.description ?? '' },
    on,
  );
}

/**
 * One Bot API call with a JSON body, straight over HTTP/1.1 with kept-alive connections.
 *
 * telegraf sends every call through node-fetch (Request, Headers and Body objects, a URL parsed per call,
 * stream plumbing): the throughput bench's profile put that at ~10% of the bot's CPU, for calls that are all a
 * small JSON object out and a small JSON object back. Without a proxy, calls go through our own small client
 * (keep-alive.ts); through a proxy (`agent`), over node's http with that agent. Only the transport differs from
 * telegraf's: the answer is read as telegraf reads it (settle above).
 */
export function jsonTransport(
  options: TransportOptions,
): (method: string, payload: unknown) => Promise<unknown> {
  const root = new URL(options.apiRoot ?? 'https://api.telegram.org');
  const base = `${root.pathname.replace(/\/?$/, '/')}bot${options.token}/`;
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!options.agent) {
    const pool = new KeepAlivePool(root);
    return (method, payload) =>
      pool
        .post(base + method, 'application/json', Buffer.from(bodyOf(payload), 'utf8'), method, timeoutMs)
        .then((a) => settle(method, payload, a.status, a.reason, a.body));
  }
  const request = root.protocol === 'https:' ? https.request : http.request;
  const target = {
    protocol: root.protocol,
    hostname: root.hostname,
    port: root.port || undefined,
    agent: options.agent,
  };
  return (method, payload) =>
    new Promise((resolve, reject) => {
      const body = Buffer.from(bodyOf(payload), 'utf8');
      const req = request(
        {
          ...target,
          path: base + method,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            try {
              resolve(
                settle(method, payload, res.statusCode ?? 0, res.statusMessage ?? '', Buffer.concat(chunks)),
              );
            } catch (err) {
              reject(err);
            }
          });
        },
      );
      req.setTimeout(timeoutMs, () =>
        req.destroy(
          Object.assign(new Error(`no answer to ${method} in ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
        ),
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** telegraf's own test for a payload that must go as multipart (a file to upload, or one to fetch by URL). */
function includesMedia(payload: unknown): boolean {
  if (payload === null || typeof payload !== 'object') return false;
  return Object.entries(payload).some(([key, value]) => {
    if (key === 'link_preview_options' || value === null || typeof value !== 'object') return false;
    if (Array.isArray(value))
      return value.some((item) => {
        const media = (item as { media?: unknown } | null)?.media;
        return typeof media === 'object' && media !== null && isFile(media);
      });
    const media = (value as { media?: unknown }).media;
    return isFile(value) || (typeof media === 'object' && media !== null && isFile(media));
  });
}

const isFile = (v: object) => Boolean((v as { source?: unknown }).source || (v as { url?: unknown }).url);

/**
 * The Telegram object's callApi, with calls that are plain JSON going through `transport`; uploads (files,
 * charts, workbooks), getUpdates (which telegraf aborts with a signal when it stops) and anything else
 * keep telegraf's own path.
 */
export function withTransport<T extends Telegram>(
  telegram: T,
  transport: (method: string, payload: unknown) => Promise<unknown>,
): T {
  const own = telegram.callApi.bind(telegram) as CallApi;
  const routed: CallApi = (method, payload, options) =>
    options?.signal || includesMedia(payload) ? own(method, payload, options) : transport(method, payload);
  telegram.callApi = routed as Telegram['callApi'];
  return telegram;
}
