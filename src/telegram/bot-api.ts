import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { TelegramError } from 'telegraf';
import type { Dispatcher } from 'undici';
import { NoAnswerError } from './errors.js';
import { Agent, loadProxyAgent } from './undici.js';

/*
 * The Bot API over HTTP (docs/architecture.md, "The sender"): every call the bot and the CLI make, plain JSON,
 * uploads and the long poll alike, over undici's kept-alive connections, through HTTPS_PROXY when it is set.
 * Answers are read as telegraf reads them, so handlers and the sender see telegraf's TelegramError; a call that
 * gets no answer fails with NoAnswerError, which says whether the request had gone out (errors.ts).
 */

/** What telegraf's Telegram.callApi looks like to a caller. */
export type CallApi = (
  method: string,
  payload: unknown,
  options?: { signal?: AbortSignal },
) => Promise<unknown>;

export interface BotApiOptions {
  token: string;
  /** The Bot API server (TELEGRAM_API_ROOT); Telegram's own when absent. */
  apiRoot?: string;
  /** HTTPS_PROXY: every call goes through this proxy (an HTTP CONNECT tunnel). */
  proxy?: string;
  /**
   * A call with no answer this long after it went out fails (NoAnswerError, sent): a call hanging for ever would
   * hold its chat's queue, and telegraf's batch, for ever. A long poll waits its own `timeout` on top. 60 s.
   */
  timeoutMs?: number;
}

export interface BotApi {
  call: CallApi;
  /** A file a user sent, by getFile's `file_path` (Telegram lets bots download up to 20 MB). */
  download(filePath: string, signal?: AbortSignal): Promise<Buffer>;
  /** Closes the connections (a call still waiting fails). */
  close(): Promise<void>;
}

export const DEFAULT_API_ROOT = 'https://api.telegram.org';
/** An idle connection is kept this long for the next call (a new TLS handshake to Telegram costs a round trip or two). */
const IDLE_MS = 30_000;
/**
 * Connections to the Bot API at most; a call beyond waits for one to be free (its time-out counts from when it
 * goes out). Enough for Telegram's 30 messages a second at a few hundred milliseconds each, and the long poll;
 * undici without a bound spent ~40% more CPU per call when a batch of updates answered at once (BENCHMARKS.md,
 * "Throughput").
 */
const CONNECTIONS = 32;

/** Drops null and undefined, as telegraf does: the Bot API reads a present null as a value. */
const replacer = (_: string, value: unknown) => (value == null ? undefined : value);

/** The JSON body: a replacer makes JSON.stringify several times slower, so it runs only when a null is there. */
function jsonOf(payload: unknown): string {
  const plain = JSON.stringify(payload ?? {});
  return plain.includes(':null') ? JSON.stringify(payload, replacer) : plain;
}

/** A file to upload, as telegraf's Input.fromBuffer / fromLocalFile / fromReadableStream make it. */
interface InputFile {
  source: Buffer | Uint8Array | string | Readable;
  filename?: string;
}

const isInputFile = (v: unknown): v is InputFile =>
  typeof v === 'object' && v !== null && Boolean((v as { source?: unknown }).source);

/** Fields whose object value holds a file further down (sendMediaGroup, editMessageMedia): not used by the bot. */
const nestsFile = (v: unknown): boolean =>
  Array.isArray(v)
    ? v.some((item) => isInputFile(item?.media))
    : isInputFile((v as { media?: unknown })?.media);

async function bytesOf(source: InputFile['source']): Promise<Uint8Array> {
  if (typeof source === 'string') return readFile(source);
  if (source instanceof Uint8Array) return source;
  return Buffer.concat(await source.toArray());
}

/**
 * A payload with a file as multipart/form-data (undici's FormData, loaded with the first upload): the file as a
 * part with its name, other objects as JSON, the rest as text, nulls left out, as the Bot API reads them.
 */
async function formOf(payload: Record<string, unknown>): Promise<unknown> {
  const { FormData } = await import('undici');
  const form = new FormData();
  for (const [key, value] of Object.entries(payload)) {
    if (value == null) continue;
    if (isInputFile(value)) {
      const bytes = await bytesOf(value.source);
      form.append(key, new Blob([bytes]), value.filename ?? `${key}.dat`);
    } else if (nestsFile(value)) {
      throw new TypeError(`${key}: files inside objects are not uploaded by src/telegram/bot-api.ts`);
    } else form.append(key, typeof value === 'object' ? JSON.stringify(value, replacer) : String(value));
  }
  return form;
}

const hasFile = (payload: unknown): payload is Record<string, unknown> =>
  typeof payload === 'object' &&
  payload !== null &&
  Object.values(payload).some((v) => isInputFile(v) || nestsFile(v));

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

/** telegraf's polling loop ends quietly on an error of this name. */
export const abortError = () => Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });

/**
 * One exchange, read whole: undici's handler interface. `onRequestStart` comes when the request is handed to an
 * open connection (after connecting, and the proxy's tunnel); a failure before it means the request never left.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private sent = false;
  private readonly onAbort = () => this.abort();
  private status = 0;
  private reason = '';
  private readonly chunks: Buffer[] = [];
  private controller: Dispatcher.DispatchController | undefined;
  private settled = false;

  constructor(
    private readonly method: string,
    private readonly payload: unknown,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (err: unknown) => void,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** True the first time only: the call ends once, however many endings undici reports. */
  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    return true;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(abortError());
    else this.sent = true;
  }

  onResponseStart(_: Dispatcher.DispatchController, status: number, __: unknown, reason?: string): void {
    this.status = status;
    this.reason = reason ?? '';
  }

  onResponseData(_: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (!this.settle()) return;
    const body = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    try {
      this.resolve(settle(this.method, this.payload, this.status, this.reason, body));
    } catch (err) {
      this.reject(err);
    }
  }

  onResponseError(_: Dispatcher.DispatchController, err: Error): void {
    if (!this.settle()) return;
    this.reject(new NoAnswerError(this.method, err, this.sent));
  }

  /** telegraf stops polling: the call ends now, with the AbortError its loop ends on. */
  abort(): void {
    if (!this.settle()) return;
    this.controller?.abort(abortError());
    this.reject(abortError());
  }
}

/** The Bot API at `apiRoot` (Telegram's by default) for `token`. */
export function botApi(o: BotApiOptions): BotApi {
  const root = new URL(o.apiRoot ?? DEFAULT_API_ROOT);
  const base = `${root.pathname.replace(/\/?$/, '/')}bot${o.token}/`;
  const timeoutMs = o.timeoutMs ?? 60_000;
  const dispatcher: Dispatcher = o.proxy
    ? new (loadProxyAgent())({ uri: o.proxy, keepAliveTimeout: IDLE_MS, connections: CONNECTIONS })
    : new Agent({ keepAliveTimeout: IDLE_MS, connections: CONNECTIONS });

  const send = (method: string, payload: unknown, body: unknown, signal: AbortSignal | undefined) =>
    new Promise<unknown>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const exchange = new Exchange(method, payload, resolve, reject, signal);
      // A long poll is answered after up to `timeout` seconds by design.
      const poll = (payload as { timeout?: unknown } | null)?.timeout;
      const wait = timeoutMs + (method === 'getUpdates' && typeof poll === 'number' ? poll * 1000 : 0);
      dispatcher.dispatch(
        {
          origin: root.origin,
          path: base + method,
          method: 'POST',
          headers: typeof body === 'string' ? { 'content-type': 'application/json' } : {},
          body: body as Dispatcher.DispatchOptions['body'],
          headersTimeout: wait,
          bodyTimeout: wait,
        },
        exchange,
      );
    });

  const call: CallApi = (method, payload, options) =>
    hasFile(payload)
      ? formOf(payload).then((form) => send(method, payload, form, options?.signal))
      : send(method, payload, jsonOf(payload), options?.signal);
  const download = async (filePath: string, signal?: AbortSignal): Promise<Buffer> => {
    const path = `${root.pathname.replace(/\/?$/, '/')}file/bot${o.token}/${filePath}`;
    const res = await dispatcher.request({
      origin: root.origin,
      path,
      method: 'GET',
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(signal ? { signal } : {}),
    });
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new Error(`file download: HTTP ${res.statusCode}`);
    }
    return Buffer.from(await res.body.arrayBuffer());
  };
  return { call, download, close: () => dispatcher.close() };
}

/** For the CLI's few calls: `use` with a client of its own, closed afterwards (or `api` when one is given). */
export async function withBotApi<T>(
  o: BotApiOptions & { api?: CallApi },
  use: (call: CallApi) => Promise<T>,
): Promise<T> {
  if (o.api) return use(o.api);
  const own = botApi(o);
  try {
    return await use(own.call);
  } finally {
    await own.close();
  }
}
