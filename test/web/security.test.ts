import { request } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/web/sandbox.js';

/*
 * The web page's defences (issue 15), each reproduced as an attack: the sandbox in-process, with its log kept.
 */

/** A sandbox whose log lines are kept (JSON objects), to see what an attack leaves in the log. */
async function loggedSandbox(opts: Partial<Parameters<typeof startSandbox>[0]> = {}) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const sb = await startSandbox({
    databasePath: ':memory:',
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: 'info' }, stream),
    ...opts,
  });
  return { sb, lines };
}

/** A request for `target` exactly as written (fetch would normalise it); the status and the body. */
function rawGet(base: string, target: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: target, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

describe('a request the URL parser cannot read', () => {
  let sb: Sandbox;
  let lines: Record<string, unknown>[];
  beforeAll(async () => {
    ({ sb, lines } = await loggedSandbox());
  });
  afterAll(() => sb.close());

  it.each(['http://[zz/', '//['])(
    'GET %s: 400 in Vietnamese, one short log line and no stack',
    async (target) => {
      const before = lines.length;
      const res = await rawGet(sb.server.url, target);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ error: 'Yêu cầu không hợp lệ.' });
      const logged = lines.slice(before);
      expect(logged).toHaveLength(1);
      expect(JSON.stringify(logged[0])).not.toContain('stack');
      expect(logged[0]?.level).toBeLessThanOrEqual(40);
    },
  );
});
