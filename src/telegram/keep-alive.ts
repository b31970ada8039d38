import net from 'node:net';
import tls from 'node:tls';

/** One HTTP answer, read whole. */
export interface Answer {
  status: number;
  reason: string;
  body: Buffer;
}

export interface PoolOptions {
  /** An open connection nobody uses is closed after this long (default 30 s; Telegram's closes them later). */
  idleMs?: number;
  /** Longest head (status line and headers) accepted before the connection is judged broken. */
  maxHeadBytes?: number;
}

/** A failure of the connection, shaped like node's own (`code`), so the sender's classify() sees a network error. */
function networkError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** What is known of an answer once its head has arrived. */
interface Head {
  status: number;
  reason: string;
  /** Bytes of body still expected; -1 when chunked, -2 when the body runs until the connection closes. */
  length: number;
  close: boolean;
}

function parseHead(text: string): Head | Error {
  const lines = text.split('\r\n');
  const m = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
  if (!m) return networkError('the Bot API server did not answer in HTTP/1.1', 'EPROTO');
  const status = Number(m[2]);
  let length = -2;
  let chunked = false;
  let close = m[1] === '0';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (name === 'content-length') length = Number(value);
    else if (name === 'transfer-encoding') chunked = value.split(',').at(-1)?.trim() === 'chunked';
    else if (name === 'connection') close = value === 'close' ? true : value === 'keep-alive' ? false : close;
  }
  if (chunked) length = -1;
  else if (status === 204 || status === 304 || (status >= 100 && status < 200)) length = 0;
  if (Number.isNaN(length) || length < -2) return networkError('a malformed Content-Length', 'EPROTO');
  return { status, reason: m[3] ?? '', length, close: close || length === -2 };
}

/**
 * One keep-alive connection with at most one request on it (no pipelining: a slow answer never holds up another
 * call). It reads the answer itself: a status line, headers, then Content-Length bytes, chunks, or everything
 * until the server closes.
 */
class Connection {
  private readonly socket: net.Socket;
  private pending: { resolve: (a: Answer) => void; reject: (e: Error) => void; label: string } | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private head: Head | undefined;
  private parts: Buffer[] = [];
  private closed = false;

  constructor(
    url: URL,
    private readonly pool: KeepAlivePool,
    private readonly maxHeadBytes: number,
  ) {
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    this.socket =
      url.protocol === 'https:'
        ? tls.connect({ host: url.hostname, port, servername: url.hostname, ALPNProtocols: ['http/1.1'] })
        : net.connect({ host: url.hostname, port });
    this.socket.setNoDelay(true);
    this.socket.setKeepAlive(true, 10_000);
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('end', () => this.end());
    this.socket.on('error', (err) => this.fail(err));
    this.socket.on('close', () =>
      this.fail(networkError('the Bot API server closed the connection before answering', 'ECONNRESET')),
    );
    this.socket.on('timeout', () => {
      if (!this.pending) return this.fail(undefined);
      const label = this.pending.label;
      this.fail(networkError(`no answer to ${label} in ${this.socket.timeout} ms`, 'ETIMEDOUT'));
    });
  }

  get usable(): boolean {
    return !this.closed && !this.socket.destroyed;
  }

  send(request: Buffer, label: string, timeoutMs: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, label };
      this.socket.ref();
      this.socket.setTimeout(timeoutMs);
      this.socket.write(request);
    });
  }

  /** Waits for the next request; closed if none comes within idleMs. */
  rest(idleMs: number): void {
    this.socket.setTimeout(idleMs);
    // An idle connection does not keep the process alive (as node's agent does with its free sockets).
    this.socket.unref();
  }

  private read(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length > 0 && !this.closed) {
      if (!this.pending) {
        this.fail(networkError('an answer nobody asked for', 'EPROTO'));
        return;
      }
      if (!this.head) {
        const end = this.buffered.indexOf(HEAD_END);
        if (end < 0) {
          if (this.buffered.length > this.maxHeadBytes)
            this.fail(networkError('an oversized answer head', 'EPROTO'));
          return;
        }
        const head = parseHead(this.buffered.toString('latin1', 0, end));
        if (head instanceof Error) {
          this.fail(head);
          return;
        }
        this.buffered = this.buffered.subarray(end + HEAD_END.length);
        if (head.status >= 100 && head.status < 200) continue; // 100 Continue and the like: the answer follows
        this.head = head;
      }
      if (!this.body()) return;
    }
  }

  /** Takes what the body needs from the buffer; true when the answer was complete (and delivered). */
  private body(): boolean {
    const head = this.head as Head;
    if (head.length >= 0) {
      if (this.buffered.length < head.length) return false;
      this.parts.push(this.buffered.subarray(0, head.length));
      this.buffered = this.buffered.subarray(head.length);
      this.deliver();
      return true;
    }
    if (head.length === -2) {
      this.parts.push(this.buffered);
      this.buffered = Buffer.alloc(0);
      return false;
    }
    for (;;) {
      const eol = this.buffered.indexOf(CRLF);
      if (eol < 0) return false;
      const size = Number.parseInt(this.buffered.toString('latin1', 0, eol).split(';')[0] as string, 16);
      if (Number.isNaN(size)) {
        this.fail(networkError('a malformed chunk', 'EPROTO'));
        return false;
      }
      if (size === 0) {
        // The last chunk, then trailers (none, as a rule) and an empty line.
        const end = this.buffered.indexOf(CRLF, eol + 2);
        if (end < 0) return false;
        if (end === eol + 2) {
          this.buffered = this.buffered.subarray(end + 2);
        } else {
          const trailers = this.buffered.indexOf(HEAD_END, eol);
          if (trailers < 0) return false;
          this.buffered = this.buffered.subarray(trailers + HEAD_END.length);
        }
        this.deliver();
        return true;
      }
      if (this.buffered.length < eol + 2 + size + 2) return false;
      this.parts.push(this.buffered.subarray(eol + 2, eol + 2 + size));
      this.buffered = this.buffered.subarray(eol + 2 + size + 2);
    }
  }

  private deliver(): void {
    const head = this.head as Head;
    const pending = this.pending;
    const body = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    this.head = undefined;
    this.parts = [];
    this.pending = undefined;
    if (head.close) this.close();
    else this.pool.release(this);
    pending?.resolve({ status: head.status, reason: head.reason, body });
  }

  /** The server closed its side: an answer running until the close is complete; anything else is cut short. */
  private end(): void {
    if (this.head?.length === -2 && this.pending) {
      this.deliver();
      return;
    }
    this.fail(networkError('the Bot API server closed the connection before answering', 'ECONNRESET'));
  }

  private fail(err: Error | undefined): void {
    const pending = this.pending;
    this.pending = undefined;
    this.close();
    if (pending) pending.reject(err ?? networkError('connection lost', 'ECONNRESET'));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pool.forget(this);
    this.socket.destroy();
  }
}

/**
 * HTTP/1.1 POSTs to one server over a few kept-alive connections, one request at a time on each: what the bot's
 * plain Bot API calls need (a small JSON body out, a small JSON body back) and no more. Node's own http client
 * spends ~75 µs of CPU per such call here (request and response objects, streams, events); this one ~27 µs
 * (BENCHMARKS.md, "Throughput"). Errors carry node's codes (ECONNRESET, ETIMEDOUT, ...), so callers retry them
 * as they would node's.
 */
export class KeepAlivePool {
  private readonly idle: Connection[] = [];
  private readonly open = new Set<Connection>();
  private readonly idleMs: number;
  private readonly maxHeadBytes: number;
  private readonly host: string;

  constructor(
    private readonly url: URL,
    options: PoolOptions = {},
  ) {
    this.idleMs = options.idleMs ?? 30_000;
    this.maxHeadBytes = options.maxHeadBytes ?? 64 * 1024;
    this.host = url.host;
  }

  /** POSTs `body` to `path`; `label` names the call in a timeout's message. */
  post(path: string, contentType: string, body: Buffer, label: string, timeoutMs: number): Promise<Answer> {
    let connection = this.idle.pop();
    while (connection && !connection.usable) connection = this.idle.pop();
    if (!connection) {
      connection = new Connection(this.url, this, this.maxHeadBytes);
      this.open.add(connection);
    }
    const head = `POST ${path} HTTP/1.1\r\nHost: ${this.host}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`;
    return connection.send(Buffer.concat([Buffer.from(head, 'latin1'), body]), label, timeoutMs);
  }

  /** Closes every connection (a request still waiting fails as a network error). */
  close(): void {
    for (const c of [...this.open]) c.close();
  }

  /** Connections open now, idle or busy (for tests). */
  get size(): number {
    return this.open.size;
  }

  release(connection: Connection): void {
    connection.rest(this.idleMs);
    this.idle.push(connection);
  }

  forget(connection: Connection): void {
    this.open.delete(connection);
    const i = this.idle.indexOf(connection);
    if (i >= 0) this.idle.splice(i, 1);
  }
}
