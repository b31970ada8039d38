import type { IncomingMessage, ServerResponse } from 'node:http';
import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { Health, TELEGRAM_DOWN_MS, watched } from '../../src/ops/health.js';
import { NoAnswerError } from '../../src/telegram/errors.js';

/* What /healthz says (src/ops/health.ts), on a clock the test moves. */

function world() {
  let t = Date.parse('2026-12-02T01:00:00Z');
  const logs: { level: string; msg: string; details: object }[] = [];
  let dbFails = false;
  const health = new Health(
    {
      now: () => new Date(t),
      pingDatabase: () => {
        if (dbFails) throw new Error('SQLITE_IOERR');
      },
      lastBackup: () => new Date('2026-12-01T19:00:00Z'),
      lastReminderSweep: () => '2026-12-02',
    },
    {
      warn: (details, msg) => logs.push({ level: 'warn', msg, details }),
      info: (details, msg) => logs.push({ level: 'info', msg, details }),
    },
  );
  return {
    health,
    logs,
    advance: (ms: number) => {
      t += ms;
    },
    breakDatabase: () => {
      dbFails = true;
    },
  };
}

const noAnswer = new NoAnswerError('getUpdates', new Error('connect ECONNREFUSED'), false);

describe('Health', () => {
  it('joining, then up; 503 only once Telegram has been silent for five minutes', async () => {
    const w = world();
    expect(w.health.report()).toMatchObject({
      status: 'ok',
      telegram: { state: 'joining', lastAnswer: null },
      lastBackup: '2026-12-01T19:00:00.000Z',
      lastReminderSweep: '2026-12-02',
    });
    let down = true;
    const call = watched(async () => {
      if (down) throw noAnswer;
      return true;
    }, w.health);
    down = false;
    await call('getUpdates', {});
    expect(w.health.report().telegram.state).toBe('up');

    down = true;
    w.advance(60_000);
    await expect(call('getUpdates', {})).rejects.toBe(noAnswer);
    await expect(call('getUpdates', {})).rejects.toBe(noAnswer);
    expect(w.health.report()).toMatchObject({ status: 'ok', telegram: { state: 'lost' } });
    w.advance(TELEGRAM_DOWN_MS - 60_000);
    expect(w.health.report().status).toBe('ok');
    w.advance(60_001);
    expect(w.health.report()).toMatchObject({ status: 'unavailable', telegram: { state: 'down' } });

    down = false;
    await call('getUpdates', {});
    expect(w.health.report()).toMatchObject({ status: 'ok', telegram: { state: 'up', failingSince: null } });
    // Once each: lost at warn, back at info with how long.
    expect(w.logs.map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'Telegram lost'],
      ['info', 'Telegram reachable again'],
    ]);
    expect(w.logs[1]?.details).toMatchObject({ downMs: TELEGRAM_DOWN_MS + 1 });
  });

  it('a refusal is an answer; a 5xx is not; a call cut short by stopping says nothing', async () => {
    const w = world();
    const refused = new TelegramError({ error_code: 400, description: 'Bad Request: chat not found' });
    await expect(watched(() => Promise.reject(refused), w.health)('sendMessage', {})).rejects.toBe(refused);
    expect(w.health.report().telegram.state).toBe('up');
    const busy = new TelegramError({ error_code: 502, description: 'Bad Gateway' });
    await expect(watched(() => Promise.reject(busy), w.health)('getUpdates', {})).rejects.toBe(busy);
    expect(w.health.report().telegram.state).toBe('lost');

    const fresh = world();
    const stop = new AbortController();
    stop.abort();
    const call = watched(() => Promise.reject(noAnswer), fresh.health);
    await expect(call('getUpdates', {}, { signal: stop.signal })).rejects.toBe(noAnswer);
    expect(fresh.logs).toEqual([]);
  });

  it('a database that cannot be read makes it unavailable', () => {
    const w = world();
    w.breakDatabase();
    expect(w.health.report()).toMatchObject({
      status: 'unavailable',
      database: 'error',
      lastReminderSweep: null,
    });
  });
});

describe('/healthz on the webhook port', () => {
  it('is served when there is no web page port, and a delivered update counts as Telegram answering', async () => {
    const { webhookListener } = await import('../../src/bot/webhook.js');
    const w = world();
    const silent = { info() {}, warn() {}, error() {} } as never;
    const listener = webhookListener({
      path: '/hook',
      secret: 's',
      handleUpdate: async () => undefined,
      logger: silent,
      health: w.health,
      serveHealth: true,
    });
    const answer = async (
      method: string,
      url: string,
      body?: string,
      headers: Record<string, string> = {},
    ) => {
      const { Readable } = await import('node:stream');
      const req = Object.assign(Readable.from(body ? [Buffer.from(body)] : []), {
        method,
        url,
        headers,
        socket: { remoteAddress: '127.0.0.1' },
      }) as unknown as IncomingMessage;
      return new Promise<{ status: number; body: string }>((resolve) => {
        const res = {
          writeHead(status: number) {
            return {
              end: (b?: string) => resolve({ status, body: b ?? '' }),
            };
          },
        } as unknown as ServerResponse;
        void listener(req, res);
      });
    };
    const before = await answer('GET', '/healthz');
    expect(before.status).toBe(200);
    expect(JSON.parse(before.body).telegram.state).toBe('joining');
    const delivered = await answer('POST', '/hook', JSON.stringify({ update_id: 1 }), {
      'x-telegram-bot-api-secret-token': 's',
    });
    expect(delivered.status).toBe(200);
    expect(JSON.parse((await answer('GET', '/healthz')).body).telegram.state).toBe('up');
  });
});
