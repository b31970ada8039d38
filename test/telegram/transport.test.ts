import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegram, TelegramError } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/telegram/errors.js';
import { jsonTransport, withTransport } from '../../src/telegram/transport.js';

const TOKEN = '123456:SECRET-token';

/** A server that answers each path with what `answers` says, and remembers what it was sent. */
const seen: { path: string; type: string; body: string }[] = [];
let answer: (path: string) => { status: number; body: string } = () => ({ status: 200, body: '{}' });
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({
      path: req.url ?? '',
      type: req.headers['content-type'] ?? '',
      body: Buffer.concat(chunks).toString('utf8'),
    });
    const a = answer(req.url ?? '');
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
  });
});
let root = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = (status: number, body: unknown) => () => ({ status, body: JSON.stringify(body) });
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );

// Without a proxy the calls go over our own connections (keep-alive.ts); with one (an agent), over node's http.
describe.each([
  ['own connections', undefined],
  ["node's http with an agent", new http.Agent({ keepAlive: true })],
])('jsonTransport over %s', (_, agent) => {
  it('posts the payload as JSON to /bot<token>/<method> (nulls left out) and resolves with the result', async () => {
    answer = json(200, { ok: true, result: { message_id: 7 } });
    const call = jsonTransport({ token: TOKEN, apiRoot: root, agent });
    const result = await call('sendMessage', { chat_id: 5, text: 'Đã lưu báo cáo ✅', reply_markup: null });
    expect(result).toEqual({ message_id: 7 });
    const last = seen.at(-1);
    expect(last?.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(last?.type).toBe('application/json');
    expect(JSON.parse(last?.body ?? '')).toEqual({ chat_id: 5, text: 'Đã lưu báo cáo ✅' });
  });

  it("throws telegraf's TelegramError as telegraf would: 400, 429 with retry_after, 403", async () => {
    const call = jsonTransport({ token: TOKEN, apiRoot: root, agent });
    answer = json(400, { ok: false, error_code: 400, description: 'Bad Request: message is not modified' });
    const bad = await rejection(call('editMessageText', { chat_id: 5, message_id: 1, text: 'x' }));
    expect(bad).toBeInstanceOf(TelegramError);
    expect((bad as TelegramError).code).toBe(400);
    expect((bad as Error).message).toMatch(/message is not modified/);
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
  });

  it('treats a 5xx as transient and a non-JSON answer as a failure, never showing the token', async () => {
    const call = jsonTransport({ token: TOKEN, apiRoot: root, agent });
    answer = () => ({ status: 502, body: '<html>Bad Gateway</html>' });
    const gateway = await rejection(call('sendMessage', { chat_id: 5, text: 'x' }));
    expect(classify(gateway)).toEqual({ kind: 'transient' });
    answer = () => ({ status: 404, body: '<html>Not Found</html>' });
    const notFound = await rejection(call('sendMessage', { chat_id: 5, text: 'x' }));
    expect((notFound as TelegramError).code).toBe(404);
    expect(classify(notFound)).toEqual({ kind: 'final' });
    for (const e of [gateway, notFound]) expect(JSON.stringify(e) + String(e)).not.toContain('SECRET');
  });

  it('gives up on a call left unanswered, as a network failure the sender retries', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const call = jsonTransport({
        token: TOKEN,
        apiRoot: `http://127.0.0.1:${port}`,
        timeoutMs: 200,
        agent,
      });
      const err = await rejection(call('sendMessage', { chat_id: 5, text: 'x' }));
      expect((err as Error).message).toBe('no answer to sendMessage in 200 ms');
      expect(classify(err)).toEqual({ kind: 'transient' });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('fails as a network failure when nobody listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const call = jsonTransport({ token: TOKEN, apiRoot: `http://127.0.0.1:${port}`, agent });
    expect(classify(await rejection(call('sendMessage', { chat_id: 5, text: 'x' })))).toEqual({
      kind: 'transient',
    });
  });
});

describe('withTransport', () => {
  it("sends plain calls through the transport, uploads and getUpdates through telegraf's own client", async () => {
    answer = json(200, { ok: true, result: true });
    const telegram = new Telegram(TOKEN, { apiRoot: root });
    const viaTransport: string[] = [];
    const transport = jsonTransport({ token: TOKEN, apiRoot: root });
    withTransport(telegram, (method, payload) => {
      viaTransport.push(method);
      return transport(method, payload);
    });
    await telegram.sendMessage(5, 'hi', {
      reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'b' }]] },
    });
    await telegram.answerCbQuery('q1');
    await telegram.sendDocument(5, { source: Buffer.from('tệp'), filename: 'bao-cao.xlsx' });
    // telegraf's polling aborts its long poll with a signal when the bot stops.
    await telegram.callApi('getUpdates', { timeout: 0 }, {
      signal: new AbortController().signal,
    } as Parameters<Telegram['callApi']>[2]);
    expect(viaTransport).toEqual(['sendMessage', 'answerCallbackQuery']);
    const upload = seen.find((s) => s.path.endsWith('/sendDocument'));
    expect(upload?.type).toMatch(/^multipart\/form-data/);
    expect(upload?.body).toContain('bao-cao.xlsx');
    expect(seen.at(-1)?.path).toBe(`/bot${TOKEN}/getUpdates`);
  });
});
