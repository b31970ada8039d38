import { connect, type Socket } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookServer } from '../../src/bot/webhook.js';
import { WEB_LIMITS, WEBHOOK_LIMITS } from '../../src/http/limits.js';
import { startSandbox } from '../../src/web/sandbox.js';
import { testClock } from '../helpers/instant.js';

/*
 * Connection exhaustion: idle and slow connections are cut, one address cannot hold more than its share, and
 * the server as a whole holds a bounded number. The web page and the webhook alike, with short limits.
 */

const quiet = pino({ level: 'silent' });
const SHORT = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 200, checkIntervalMs: 50 };

interface Held {
  socket: Socket;
  closed: Promise<number>;
  isClosed(): boolean;
}

/** A TCP connection that sends nothing (or what the test writes); `closed` resolves with its age when cut. */
function hold(port: number, localAddress = '127.0.0.1'): Promise<Held> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let done = false;
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () =>
      resolve({ socket, closed, isClosed: () => done }),
    );
    socket.on('error', () => undefined).resume();
    const closed = new Promise<number>((r) =>
      socket.once('close', () => {
        done = true;
        r(performance.now() - t0);
      }),
    );
    socket.once('error', reject);
  });
}

const held: Held[] = [];
const letGo = () => {
  for (const h of held.splice(0)) h.socket.destroy();
};
afterEach(letGo);
async function holdMany(port: number, n: number, localAddress?: string) {
  const out = await Promise.all(Array.from({ length: n }, () => hold(port, localAddress)));
  held.push(...out);
  return out;
}
const settle = () => new Promise((r) => setTimeout(r, 100));

/** The web page's server (the sandbox) and the webhook's, each with `limits` and no trusted proxy. */
const servers = {
  web: async (limits: object) => {
    const sb = await startSandbox({
      databasePath: ':memory:',
      host: '127.0.0.1',
      port: 0,
      logger: quiet,
      now: testClock,
      trustProxy: [],
      limits,
    });
    return { port: sb.server.port, close: () => sb.close() };
  },
  webhook: async (limits: object) => {
    const hook = await startWebhookServer({
      host: '127.0.0.1',
      port: 0,
      path: '/hook',
      secret: 's',
      handleUpdate: async () => undefined,
      logger: quiet,
      trustProxy: [],
      limits,
    });
    return { port: hook.port, close: () => hook.close() };
  },
};

describe('the limits in service', () => {
  it('are set, and bounded, on both servers', () => {
    for (const l of [WEB_LIMITS, WEBHOOK_LIMITS]) {
      expect(l.maxConnections).toBeLessThanOrEqual(2048);
      expect(l.perAddress).toBeLessThan(l.maxConnections);
      expect(l.headersTimeoutMs).toBeLessThanOrEqual(l.requestTimeoutMs);
      expect(l.requestTimeoutMs).toBeLessThanOrEqual(60_000);
      expect(l.keepAliveTimeoutMs).toBeLessThanOrEqual(l.headersTimeoutMs);
    }
  });
});

describe.each(Object.entries(servers))('the %s server', (_name, start) => {
  it('cuts a connection that sends nothing, and one that sends its headers slowly, after headersTimeout', async () => {
    const server = await start(SHORT);
    try {
      const [idle] = await holdMany(server.port, 1);
      const [slow] = await holdMany(server.port, 1);
      slow?.socket.write('POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const drip = setInterval(() => slow?.socket.write('X-Cham: 1\r\n'), 50);
      const cut = (h?: Held) => Promise.race([h?.closed, new Promise((r) => setTimeout(r, 3000, Infinity))]);
      const ages = await Promise.all([cut(idle), cut(slow)]);
      clearInterval(drip);
      for (const age of ages) expect(age).toBeLessThan(2000);
    } finally {
      letGo();
      await server.close();
    }
  });

  it('holds at most perAddress connections from one address; another address still gets in', async () => {
    const server = await start({ ...SHORT, headersTimeoutMs: 5000, requestTimeoutMs: 5000, perAddress: 4 });
    try {
      const mine = await holdMany(server.port, 6);
      await settle();
      expect(mine.filter((h) => h.isClosed())).toHaveLength(2);
      const [other] = await holdMany(server.port, 1, '127.0.0.2');
      await settle();
      expect(other?.isClosed()).toBe(false);
      // One of the four goes: the address may connect again.
      mine.find((h) => !h.isClosed())?.socket.destroy();
      await settle();
      const [again] = await holdMany(server.port, 1);
      await settle();
      expect(again?.isClosed()).toBe(false);
    } finally {
      letGo();
      await server.close();
    }
  });

  it('holds at most maxConnections in all', async () => {
    const server = await start({
      ...SHORT,
      headersTimeoutMs: 5000,
      requestTimeoutMs: 5000,
      maxConnections: 5,
    });
    try {
      const a = await holdMany(server.port, 3);
      const b = await holdMany(server.port, 3, '127.0.0.2');
      await settle();
      expect([...a, ...b].filter((h) => h.isClosed())).toHaveLength(1);
    } finally {
      letGo();
      await server.close();
    }
  });
});
