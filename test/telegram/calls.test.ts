import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegram } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { botApi } from '../../src/telegram/bot-api.js';
import { callingThrough, throughSender } from '../../src/telegram/calls.js';
import { NetworkError, Sender } from '../../src/telegram/sender.js';

const TOKEN = '123:abc';

describe('calls through the sender', () => {
  it('routes calls carrying a chat_id through the sender, and leaves the others alone', async () => {
    const seen: string[] = [];
    const sender = new Sender({ perChatPerSecond: 0 });
    const telegram = callingThrough(
      new Telegram(TOKEN),
      throughSender(sender, async (method) => {
        seen.push(method);
        return true;
      }),
    );
    await telegram.sendMessage(5, 'hi');
    await telegram.editMessageText(5, 1, undefined, 'hi again');
    await telegram.getMe();
    await telegram.answerCbQuery('q1');
    await telegram.setMyCommands([]);
    expect(seen).toEqual(['sendMessage', 'editMessageText', 'getMe', 'answerCallbackQuery', 'setMyCommands']);
    expect(sender.stats.sent).toBe(2);
  });
});

/** A loopback Bot API that counts requests; `answer` decides what each gets (undefined: no answer at all). */
async function bench(answer: (n: number) => string | undefined, port = 0) {
  let requests = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = answer(++requests);
      if (body !== undefined) res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const OK = JSON.stringify({ ok: true, result: { message_id: 1 } });

function sending(port: number, timeoutMs = 60_000) {
  const warnings: { details: Record<string, unknown>; message: string }[] = [];
  const sender = new Sender({
    perChatPerSecond: 0,
    backoffMs: 50,
    maxAttempts: 8,
    logger: {
      warn: (details, message) => warnings.push({ details: details as Record<string, unknown>, message }),
    },
  });
  const api = botApi({ token: TOKEN, apiRoot: `http://127.0.0.1:${port}`, timeoutMs });
  const telegram = callingThrough(new Telegram(TOKEN), throughSender(sender, api.call));
  return { telegram, warnings, close: api.close };
}

describe('retries never send a message twice silently', () => {
  it('a message that went out and got no answer in time is sent again once only, with a warning', async () => {
    const telegram = await bench(() => undefined);
    const s = sending(telegram.port, 200);
    try {
      const err = await s.telegram.sendMessage(5, 'Đã lưu').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect(telegram.requests()).toBe(2);
      const duplicates = s.warnings.filter((w) => w.details.possibleDuplicate);
      expect(duplicates).toEqual([
        {
          details: expect.objectContaining({ chat: 5, method: 'sendMessage', possibleDuplicate: true }),
          message: 'no answer after the request went out; trying once more, so Telegram may show it twice',
        },
      ]);
    } finally {
      await s.close();
      await telegram.close();
    }
  });

  it('a message refused at connect is tried until the server listens, and arrives once, no warning of a duplicate', async () => {
    const probe = await bench(() => OK);
    const port = probe.port;
    await probe.close();
    const s = sending(port);
    let later: Awaited<ReturnType<typeof bench>> | undefined;
    const upSoon = new Promise<void>((resolve) =>
      setTimeout(async () => {
        later = await bench(() => OK, port);
        resolve();
      }, 300),
    );
    try {
      expect(await s.telegram.sendMessage(5, 'Đã lưu')).toEqual({ message_id: 1 });
      await upSoon;
      expect(later?.requests()).toBe(1);
      expect(s.warnings.length).toBeGreaterThan(0);
      expect(s.warnings.filter((w) => w.details.possibleDuplicate)).toEqual([]);
    } finally {
      await upSoon;
      await s.close();
      await later?.close();
    }
  });
});
