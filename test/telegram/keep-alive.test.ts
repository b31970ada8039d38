import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { classify } from '../../src/telegram/errors.js';
import { KeepAlivePool } from '../../src/telegram/keep-alive.js';

/**
 * A server speaking raw bytes: for each request it has read whole (head and Content-Length body), it writes
 * what `answer` returns, in the pieces given, and records the request.
 */
interface Raw {
  url: URL;
  requests: string[];
  connections: number;
  sockets: net.Socket[];
  close(): Promise<void>;
}

async function rawServer(
  answer: (request: string, socket: net.Socket) => Buffer[] | undefined,
): Promise<Raw> {
  const requests: string[] = [];
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    raw.connections++;
    let buffered = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffered.toString('latin1', 0, end);
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const request = buffered.toString('utf8', 0, end + 4 + length);
        buffered = buffered.subarray(end + 4 + length);
        requests.push(request);
        const pieces = answer(request, socket);
        if (pieces) void writeSlowly(socket, pieces);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const raw: Raw = {
    url: new URL(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`),
    requests,
    connections: 0,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return raw;
}

/** Writes each piece on its own turn, so the client sees them as separate reads. */
async function writeSlowly(socket: net.Socket, pieces: Buffer[]): Promise<void> {
  for (const piece of pieces) {
    if (socket.destroyed) return;
    socket.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const b = (s: string) => Buffer.from(s, 'utf8');
const withLength = (body: string, extra = '') =>
  b(
    `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${b(body).length}\r\n${extra}\r\n${body}`,
  );

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup(answer: Parameters<typeof rawServer>[0]) {
  const server = await rawServer(answer);
  const pool = new KeepAlivePool(server.url);
  cleanup.push(
    () => server.close(),
    () => pool.close(),
  );
  return { server, pool };
}

const post = (pool: KeepAlivePool, body = '{"chat_id":5,"text":"Đã lưu ✅"}', timeoutMs = 5_000) =>
  pool.post('/bot1:x/sendMessage', 'application/json', b(body), 'sendMessage', timeoutMs);

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as Error & { code?: string },
  );

describe('KeepAlivePool', () => {
  it('sends one HTTP/1.1 POST and reads a Content-Length answer, Vietnamese intact', async () => {
    const { server, pool } = await setup(() => [withLength('{"ok":true,"result":"Hội nghị"}')]);
    const answer = await post(pool);
    expect(answer.status).toBe(200);
    expect(answer.body.toString('utf8')).toBe('{"ok":true,"result":"Hội nghị"}');
    const request = server.requests[0] ?? '';
    expect(request).toMatch(/^POST \/bot1:x\/sendMessage HTTP\/1\.1\r\n/);
    expect(request).toContain(`\r\nHost: ${server.url.host}\r\n`);
    expect(request).toContain(`\r\nContent-Length: ${b('{"chat_id":5,"text":"Đã lưu ✅"}').length}\r\n`);
    expect(request.endsWith('\r\n\r\n{"chat_id":5,"text":"Đã lưu ✅"}')).toBe(true);
  });

  it('reads chunked answers, with chunk extensions and trailers', async () => {
    const { pool } = await setup((request) =>
      request.includes('trailer')
        ? [b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nX-T: 1\r\n\r\n')]
        : [b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n')],
    );
    expect((await post(pool)).body.toString()).toBe('hello world');
    expect((await post(pool, 'trailer')).body.toString()).toBe('abc');
    expect(pool.size).toBe(1);
  });

  it('reuses one connection for calls one after another, and opens more for calls at once', async () => {
    const { server, pool } = await setup(() => [withLength('{"ok":true}')]);
    for (let i = 0; i < 5; i++) await post(pool);
    expect(server.connections).toBe(1);
    await Promise.all(Array.from({ length: 4 }, () => post(pool)));
    expect(server.connections).toBe(4);
    for (let i = 0; i < 5; i++) await post(pool);
    expect(server.connections).toBe(4);
    expect(server.requests).toHaveLength(14);
  });

  it('gets the same answer however the bytes are split, and after 100 Continue', async () => {
    const answer = Buffer.concat([
      b('HTTP/1.1 100 Continue\r\n\r\n'),
      b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'),
      ...['Đã', ' ', 'lưu'].map((part) => b(`${b(part).length.toString(16)}\r\n${part}\r\n`)),
      b('0\r\n\r\n'),
    ]);
    let cuts: number[] = [];
    const { pool } = await setup(() => {
      const points = [...new Set(cuts)].sort((x, y) => x - y);
      return [0, ...points].map((start, i) => answer.subarray(start, points[i] ?? answer.length));
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: answer.length - 1 }), { maxLength: 6 }),
        async (c) => {
          cuts = c;
          expect((await post(pool)).body.toString('utf8')).toBe('Đã lưu');
        },
      ),
      { numRuns: 40 },
    );
    expect(pool.size).toBe(1);
  });

  it('closes the connection when the answer says so, and reads an answer that runs until the close', async () => {
    const { server, pool } = await setup((request, socket) => {
      if (request.includes('until-close')) {
        void writeSlowly(socket, [b('HTTP/1.1 200 OK\r\n\r\npart one, '), b('part two')]).then(() =>
          socket.end(),
        );
        return undefined;
      }
      return [withLength('{"ok":true}', 'Connection: close\r\n')];
    });
    expect((await post(pool)).status).toBe(200);
    expect((await post(pool)).status).toBe(200);
    expect(server.connections).toBe(2);
    expect((await post(pool, 'until-close')).body.toString()).toBe('part one, part two');
    expect(pool.size).toBe(0);
  });

  it('opens a new connection after the server closed an idle one', async () => {
    const { server, pool } = await setup(() => [withLength('{"ok":true}')]);
    await post(pool);
    server.sockets[0]?.end();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool.size).toBe(0);
    expect((await post(pool)).status).toBe(200);
    expect(server.connections).toBe(2);
  });

  it('fails as a network error (code ECONNRESET) when the server hangs up halfway through an answer', async () => {
    const { pool } = await setup((_, socket) => {
      void writeSlowly(socket, [b('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"ok":')]).then(() =>
        socket.destroy(),
      );
      return undefined;
    });
    const err = await failure(post(pool));
    expect(err.code).toBe('ECONNRESET');
    expect(pool.size).toBe(0);
  });

  it('gives up on a call left unanswered (ETIMEDOUT, naming the call) and closes its connection', async () => {
    const { pool } = await setup(() => undefined);
    const err = await failure(post(pool, '{}', 150));
    expect(err.code).toBe('ETIMEDOUT');
    expect(err.message).toBe('no answer to sendMessage in 150 ms');
    expect(pool.size).toBe(0);
  });

  it('fails as a network error when nobody listens, and on an answer that is not HTTP', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nobody = new KeepAlivePool(new URL(`http://127.0.0.1:${port}`));
    expect((await failure(post(nobody))).code).toBe('ECONNREFUSED');

    const { pool } = await setup(() => [b('SSH-2.0-OpenSSH\r\n\r\n')]);
    const garbage = await failure(post(pool));
    expect(garbage.code).toBe('EPROTO');
    expect(classify(garbage)).toEqual({ kind: 'transient' });
    expect(pool.size).toBe(0);
  });

  it('does not keep the process alive once its calls are answered', async () => {
    // The raw server never closes a connection: a process still holding one open would never end.
    const { server } = await setup(() => [withLength('{"ok":true}')]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keep-alive-'));
    const script = path.join(dir, 'one-call.mts');
    writeFileSync(
      script,
      `import { KeepAlivePool } from ${JSON.stringify(path.resolve('src/telegram/keep-alive.ts'))};
const pool = new KeepAlivePool(new URL(${JSON.stringify(server.url.href)}));
const a = await pool.post('/x', 'application/json', Buffer.from('{}'), 'x', 5000);
console.log(a.status, pool.size);`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect([code, out.trim()]).toEqual([0, '200 1']);
  }, 20_000);

  it('closes idle connections after idleMs', async () => {
    const server = await rawServer(() => [withLength('{"ok":true}')]);
    const pool = new KeepAlivePool(server.url, { idleMs: 50 });
    cleanup.push(
      () => server.close(),
      () => pool.close(),
    );
    await post(pool);
    expect(pool.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pool.size).toBe(0);
  });
});
