import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TelegramError } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botApi } from '../../src/telegram/bot-api.js';
import { classify, NoAnswerError } from '../../src/telegram/errors.js';
import { decodeBody } from '../helpers/fake-bot-api-wire.js';

const TOKEN = '123456:SECRET-token';

/** A server that answers each request with what `answer` says, and remembers what it was sent. */
const seen: { path: string; type: string; body: Buffer }[] = [];
let answer: () => { status: number; body: string } = () => ({ status: 200, body: '{}' });
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ path: req.url ?? '', type: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
    const a = answer();
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
  });
});
let root = '';

async function listening(s: http.Server): Promise<number> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return (s.address() as AddressInfo).port;
}
const closing = (s: http.Server) => {
  s.closeAllConnections();
  return new Promise<void>((resolve) => s.close(() => resolve()));
};

beforeAll(async () => {
  root = `http://127.0.0.1:${await listening(server)}`;
});
afterAll(() => closing(server));

const json = (status: number, body: unknown) => () => ({ status, body: JSON.stringify(body) });
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );

describe('the Bot API client (undici)', () => {
  it('posts the payload as JSON to /bot<token>/<method> (nulls left out) and resolves with the result', async () => {
    answer = json(200, { ok: true, result: { message_id: 7 } });
    const { call, close } = botApi({ token: TOKEN, apiRoot: root });
    const result = await call('sendMessage', { chat_id: 5, text: 'Đã lưu báo cáo ✅', reply_markup: null });
    expect(result).toEqual({ message_id: 7 });
    const last = seen.at(-1);
    expect(last?.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(last?.type).toBe('application/json');
    expect(JSON.parse(last?.body.toString() ?? '')).toEqual({ chat_id: 5, text: 'Đã lưu báo cáo ✅' });
    await close();
  });

  it('uploads a file as multipart/form-data: the file as a part, objects as JSON', async () => {
    answer = json(200, { ok: true, result: { message_id: 8 } });
    const { call, close } = botApi({ token: TOKEN, apiRoot: root });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await call('sendPhoto', {
      chat_id: -100123,
      photo: { source: png, filename: 'tien-do.png' },
      caption: 'Tiến độ',
      reply_markup: { inline_keyboard: [[{ text: 'Năm trước', callback_data: 't:y' }]] },
      message_thread_id: undefined,
    });
    const last = seen.at(-1);
    expect(last?.path).toBe(`/bot${TOKEN}/sendPhoto`);
    expect(last?.type).toMatch(/^multipart\/form-data; boundary=/);
    const { payload, files } = decodeBody(last?.type, last?.body ?? Buffer.alloc(0), new URLSearchParams());
    expect(payload).toMatchObject({
      chat_id: -100123,
      caption: 'Tiến độ',
      reply_markup: { inline_keyboard: [[{ text: 'Năm trước', callback_data: 't:y' }]] },
    });
    expect(payload).not.toHaveProperty('message_thread_id');
    expect(files).toEqual([expect.objectContaining({ field: 'photo', filename: 'tien-do.png', data: png })]);
    await close();
  });

  it("throws telegraf's TelegramError as telegraf would: 400, 429 with retry_after, 403, 5xx", async () => {
    const { call, close } = botApi({ token: TOKEN, apiRoot: root });
    answer = json(400, { ok: false, error_code: 400, description: 'Bad Request: message is not modified' });
    const bad = await rejection(call('editMessageText', { chat_id: 5, message_id: 1, text: 'x' }));
    expect(bad).toBeInstanceOf(TelegramError);
    expect((bad as TelegramError).code).toBe(400);
    expect((bad as TelegramError).on).toEqual({
      method: 'editMessageText',
      payload: { chat_id: 5, message_id: 1, text: 'x' },
    });
    answer = json(429, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests',
      parameters: { retry_after: 3 },
    });
    expect(classify(await rejection(call('sendMessage', { chat_id: 5, text: 'x' })))).toEqual({
      kind: 'rate-limited',
      retryAfterMs: 3000,
    });
    answer = json(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    expect(classify(await rejection(call('sendMessage', { chat_id: 5, text: 'x' })))).toEqual({
      kind: 'blocked',
    });
    answer = () => ({ status: 502, body: '<html>Bad Gateway</html>' });
    const gateway = await rejection(call('sendMessage', { chat_id: 5, text: 'x' }));
    expect(classify(gateway)).toEqual({ kind: 'transient' });
    answer = () => ({ status: 404, body: '<html>Not Found</html>' });
    const notFound = await rejection(call('sendMessage', { chat_id: 5, text: 'x' }));
    expect((notFound as TelegramError).code).toBe(404);
    for (const e of [bad, gateway, notFound]) expect(JSON.stringify(e) + String(e)).not.toContain('SECRET');
    await close();
  });

  it('a refused connection: no answer, the request never left (tried again freely)', async () => {
    const closed = http.createServer();
    const port = await listening(closed);
    await closing(closed);
    const { call, close } = botApi({ token: TOKEN, apiRoot: `http://127.0.0.1:${port}` });
    const err = await rejection(call('sendMessage', { chat_id: 5, text: 'x' }));
    expect(err).toBeInstanceOf(NoAnswerError);
    expect(err).toMatchObject({
      name: 'FetchError',
      code: 'ECONNREFUSED',
      sent: false,
      method: 'sendMessage',
    });
    expect(classify(err)).toEqual({ kind: 'transient' });
    await close();
  });

  it('no answer in time after the request went out: unanswered (tried again once at most)', async () => {
    const silent = http.createServer(() => undefined);
    const port = await listening(silent);
    try {
      const { call, close } = botApi({ token: TOKEN, apiRoot: `http://127.0.0.1:${port}`, timeoutMs: 200 });
      const err = await rejection(call('sendMessage', { chat_id: 5, text: 'x' }));
      expect(err).toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT', sent: true });
      expect((err as Error).message).toMatch(/^no answer to sendMessage: /);
      expect(classify(err)).toEqual({ kind: 'unanswered' });
      await close();
    } finally {
      await closing(silent);
    }
  });

  it('a connection dropped after the request went out: unanswered too', async () => {
    const dropping = http.createServer((req) => req.socket.destroy());
    const port = await listening(dropping);
    try {
      const { call, close } = botApi({ token: TOKEN, apiRoot: `http://127.0.0.1:${port}` });
      const err = await rejection(call('sendMessage', { chat_id: 5, text: 'x' }));
      expect(err).toMatchObject({ sent: true });
      expect(classify(err)).toEqual({ kind: 'unanswered' });
      await close();
    } finally {
      await closing(dropping);
    }
  });

  it('ends a long poll when telegraf aborts it, with the AbortError its polling loop stops on', async () => {
    const slow = http.createServer(() => undefined);
    const port = await listening(slow);
    try {
      const { call, close } = botApi({ token: TOKEN, apiRoot: `http://127.0.0.1:${port}`, timeoutMs: 200 });
      const stop = new AbortController();
      const poll = rejection(call('getUpdates', { timeout: 50, offset: 0 }, { signal: stop.signal }));
      // A long poll waits its timeout on top of timeoutMs: it is still waiting after 400 ms.
      await new Promise((resolve) => setTimeout(resolve, 400));
      stop.abort();
      expect(await poll).toMatchObject({ name: 'AbortError' });
      await close();
    } finally {
      await closing(slow);
    }
  });
});
