import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/db/repositories/invites.js';
import { getUnitByCode } from '../../src/db/repositories/units.js';
import { type Sandbox, startSandbox } from '../../src/web/sandbox.js';
import { testClock } from '../helpers/instant.js';
import { WebClient } from '../helpers/web-client.js';

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
    now: testClock,
    ...opts,
  });
  return { sb, lines };
}

/** A logged sandbox for the describe block this is called in: started before its tests, closed after. */
function sandboxForBlock(opts: Partial<Parameters<typeof startSandbox>[0]> = {}) {
  const made = {} as Awaited<ReturnType<typeof loggedSandbox>>;
  beforeAll(async () => {
    Object.assign(made, await loggedSandbox(opts));
  });
  afterAll(() => made.sb.close());
  return made;
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
  const block = sandboxForBlock();

  it.each(['http://[zz/', '//['])(
    'GET %s: 400 in Vietnamese, one short log line and no stack',
    async (target) => {
      const { sb, lines } = block;
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

/** A fresh invite of the demo's commune Tân Kỳ (secretary). */
function newInvite(sb: Sandbox): string {
  const unit = getUnitByCode(sb.db, 'XA_TANKY_2025');
  if (!unit) throw new Error('no demo commune');
  return createInvite(sb.db, { unitId: unit.id, role: 'bi_thu', createdBy: null, now: testClock() }).code;
}

interface Answer {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
}

interface Options {
  /** JSON, or a raw body (its content-type in `headers`). */
  body?: object | string;
  headers?: Record<string, string>;
  /** 127.0.0.2 is this machine too, but not the loopback proxy the bot trusts by default. */
  localAddress?: string;
  agent?: Agent;
}

/**
 * A request over node:http, which sends what fetch will not (a Host of our choosing, a malformed path) and can
 * say where it comes from. The body goes when the caller calls `send`.
 */
function http(sb: Sandbox, method: string, path: string, o: Options = {}) {
  const { hostname, port } = new URL(sb.server.url);
  const raw = typeof o.body === 'string';
  const body = o.body === undefined ? '' : raw ? String(o.body) : JSON.stringify(o.body);
  const req = request({
    host: hostname,
    port,
    path,
    method,
    agent: o.agent ?? false,
    localAddress: o.localAddress,
    headers: {
      ...(o.body === undefined || raw ? {} : { 'content-type': 'application/json' }),
      'content-length': Buffer.byteLength(body),
      ...o.headers,
    },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('error', reject).on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
  });
  return { answer, send: () => req.end(body), headersFirst: () => req.flushHeaders() };
}

const ask = (sb: Sandbox, method: string, path: string, o: Options = {}) => {
  const r = http(sb, method, path, o);
  r.send();
  return r.answer;
};
const postNow = (sb: Sandbox, path: string, body: object, o: Options = {}) =>
  ask(sb, 'POST', path, { ...o, body });

/**
 * `n` sign-ins at once, as from many clients: every request's headers reach the server before any body, so
 * each is in hand, reading its body, while the others arrive.
 */
async function together(sb: Sandbox, n: number, body: (i: number) => object) {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const sent = Array.from({ length: n }, (_, i) => http(sb, 'POST', '/api/signin', { body: body(i), agent }));
  for (const s of sent) s.headersFirst();
  await new Promise((r) => setTimeout(r, 300));
  for (const s of sent) s.send();
  const answers = await Promise.all(sent.map((s) => s.answer));
  agent.destroy();
  return answers;
}

const signIn = (sb: Sandbox, code: string, headers: Record<string, string> = {}) =>
  fetch(new URL('/api/signin', sb.server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code, name: 'Lan' }),
  });

describe('guessing codes at sign-in (one address)', () => {
  const block = sandboxForBlock();

  it('500 sign-ins sent together: ten are tried, the rest are told to wait (429), in Vietnamese', async () => {
    const { sb, lines } = block;
    const answers = await together(sb, 500, (i) => ({
      code: `DOAN${String(i).padStart(6, '0')}`,
      name: 'Lan',
    }));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(490);
    expect(JSON.parse(answers.find((r) => r.status === 429)?.body ?? '{}')).toEqual({
      error: 'Đã nhập sai mã quá nhiều lần từ máy này. Hãy thử lại sau 10 phút.',
    });
    // Repeated failures are warnings; the lock-out says so once.
    const warned = lines.filter((l) => l.level === 40 && String(l.msg).startsWith('web sign-in'));
    expect(warned.length).toBeGreaterThan(0);
    // A right code now waits too.
    expect((await signIn(sb, newInvite(sb))).status).toBe(429);
  });
});

describe('a sign-in that works does not wipe the address’s failures', () => {
  const block = sandboxForBlock();

  it('nine wrong, one right, one wrong: the tenth failure locks the address', async () => {
    const { sb } = block;
    for (let i = 0; i < 9; i++) expect((await signIn(sb, `SAIMA${i}XYZ`)).status).toBe(400);
    expect((await signIn(sb, newInvite(sb))).status).toBe(200);
    expect((await signIn(sb, 'SAIMA9XYZ')).status).toBe(400);
    expect((await signIn(sb, newInvite(sb))).status).toBe(429);
  });
});

describe('guessing invite codes in the chat, signed in on the page', () => {
  const block = sandboxForBlock();

  it('/start <guess> five times locks the user for five minutes; a real code is then refused too', async () => {
    const { sb, lines } = block;
    const page = new WebClient(sb.server.url);
    expect((await page.signIn(newInvite(sb), 'Lan')).status).toBe(200);
    await page.poll();
    for (let i = 0; i < 5; i++) {
      expect(await page.say(`/start DOAN${i}XYZ12`)).toEqual([expect.stringContaining('Mã mời không đúng')]);
    }
    const locked = 'Đồng chí đã nhập sai mã mời quá nhiều lần. Hãy thử lại sau 5 phút.';
    expect(await page.say('/start DOAN5XYZ12')).toEqual([locked]);
    const real = newInvite(sb);
    expect(await page.say(`/start ${real}`)).toEqual([locked]);
    const used = sb.db.$client.prepare('select used_at from invites where code = ?').pluck().get(real);
    expect(used).toBeNull();
    const warned = lines.filter((l) => l.level === 40 && String(l.msg).startsWith('invite code'));
    expect(warned.length).toBeGreaterThanOrEqual(4);
  });
});

describe('/web codes asked for again and again', () => {
  const block = sandboxForBlock();

  it('five in a quarter of an hour, then a wait in Vietnamese; no row is added meanwhile', async () => {
    const { sb } = block;
    const page = new WebClient(sb.server.url);
    expect((await page.signIn(newInvite(sb), 'Lan')).status).toBe(200);
    await page.poll();
    for (let i = 0; i < 5; i++) expect((await page.say('/web'))[0]).toContain('Mã đăng nhập trang web');
    const rows = () => sb.db.$client.prepare('select count(*) from web_sign_in_codes').pluck().get();
    expect(rows()).toBe(5);
    expect(await page.say('/web')).toEqual([
      'Đồng chí đã xin nhiều mã đăng nhập trong thời gian ngắn. Hãy dùng mã vừa nhận, hoặc thử lại sau 15 phút.',
    ]);
    expect(rows()).toBe(5);
  });
});

describe('X-Forwarded-For behind the reverse proxy (TRUST_PROXY)', () => {
  const wrongFrom = (sb: Sandbox, forwarded: string, localAddress?: string) =>
    postNow(
      sb,
      '/api/signin',
      { code: 'SAIMAXYZ12', name: 'Lan' },
      {
        headers: { 'x-forwarded-for': forwarded },
        localAddress,
      },
    );

  it('what the client writes first in the header changes nothing: the address the proxy saw counts', async () => {
    const { sb } = await loggedSandbox();
    try {
      for (let i = 0; i < 10; i++)
        expect((await wrongFrom(sb, `10.0.0.${i}, 198.51.100.9`)).status).toBe(400);
      expect((await wrongFrom(sb, '10.0.0.99, 198.51.100.9')).status).toBe(429);
      // Nor can a chosen office be locked out by writing its address first.
      expect((await wrongFrom(sb, '198.51.100.10, 198.51.100.11')).status).toBe(400);
      expect((await signIn(sb, newInvite(sb), { 'x-forwarded-for': '198.51.100.10' })).status).toBe(200);
    } finally {
      await sb.close();
    }
  });

  it('a proxy off loopback, named in TRUST_PROXY: its users are told apart; the header of others is ignored', async () => {
    const { sb } = await loggedSandbox({ trustProxy: ['127.0.0.2'] });
    try {
      for (let i = 0; i < 10; i++)
        expect((await wrongFrom(sb, `203.0.113.${i}`, '127.0.0.2')).status).toBe(400);
      expect((await wrongFrom(sb, '203.0.113.200', '127.0.0.2')).status).toBe(400);
      // 127.0.0.1 is no proxy now: its header is its own claim, and its ten failures are its own.
      for (let i = 0; i < 10; i++) expect((await wrongFrom(sb, `203.0.113.${i}`)).status).toBe(400);
      expect((await wrongFrom(sb, '203.0.113.201')).status).toBe(429);
      expect((await wrongFrom(sb, '203.0.113.202', '127.0.0.2')).status).toBe(400);
    } finally {
      await sb.close();
    }
  });
});

describe('requests from other sites, and other host names (CSRF, DNS rebinding)', () => {
  const block = sandboxForBlock();
  let cookie: string;
  const signedIn = async () => (await ask(block.sb, 'GET', '/api/poll', { headers: { cookie } })).status;
  beforeAll(async () => {
    const res = await signIn(block.sb, newInvite(block.sb));
    cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  });

  it('a form on another site cannot sign the user out: no JSON, no sign-out', async () => {
    const { sb } = block;
    const form = await ask(sb, 'POST', '/api/signout', {
      body: '',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(form.status).toBe(415);
    const plain = await ask(sb, 'POST', '/api/signout', { headers: { cookie } });
    expect(plain.status).toBe(415);
    expect(await signedIn()).toBe(200);
  });

  it('a POST whose Origin is another site is refused in Vietnamese, sign-out included', async () => {
    const { sb } = block;
    for (const path of ['/api/signout', '/api/send', '/api/signin']) {
      const res = await postNow(
        sb,
        path,
        { text: '/tiendo' },
        { headers: { cookie, origin: 'https://ke-xau.example' } },
      );
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toEqual({ error: 'Yêu cầu từ trang khác bị từ chối.' });
    }
    const site = await postNow(
      sb,
      '/api/send',
      { text: '/tiendo' },
      { headers: { cookie, 'sec-fetch-site': 'cross-site' } },
    );
    expect(site.status).toBe(403);
    expect(await signedIn()).toBe(200);
    // The page's own Origin passes.
    const own = new URL(sb.server.url).origin;
    expect(
      (await postNow(sb, '/api/send', { text: '/tiendo' }, { headers: { cookie, origin: own } })).status,
    ).toBe(200);
  });

  it('a host name that is not the page’s (DNS rebinding) is refused, pages and API alike', async () => {
    const { sb } = block;
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/api/poll'],
      ['POST', '/api/signin'],
    ] as const) {
      const res = await ask(sb, method, path, {
        headers: { cookie, host: `ke-xau.example:${new URL(sb.server.url).port}` },
        ...(method === 'POST' ? { body: { code: 'SAIMAXYZ12' } } : {}),
      });
      expect(res.status).toBe(421);
      expect(res.body).toContain('WEB_URL');
    }
    // Addresses cannot be rebound: any IP literal, and localhost, is served.
    for (const host of ['127.0.0.1', 'localhost:8080', '[::1]:8080', '192.0.2.4']) {
      expect((await ask(sb, 'GET', '/', { headers: { host } })).status).toBe(200);
    }
  });

  it('the address WEB_URL names is served; over https the cookie is __Host-phien, Secure', async () => {
    const site = await loggedSandbox({ publicUrl: 'https://baocao.tinhuy.vn/' });
    try {
      const host = { host: 'baocao.tinhuy.vn' };
      expect((await ask(site.sb, 'GET', '/', { headers: host })).status).toBe(200);
      expect((await ask(site.sb, 'GET', '/', { headers: { host: 'khac.tinhuy.vn' } })).status).toBe(421);
      const res = await postNow(
        site.sb,
        '/api/signin',
        { code: newInvite(site.sb), name: 'Lan' },
        {
          headers: { ...host, origin: 'https://baocao.tinhuy.vn' },
        },
      );
      expect(res.status).toBe(200);
      const set = String(res.headers['set-cookie']);
      expect(set).toMatch(
        /^__Host-phien=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=2592000; Secure$/,
      );
      const session = set.split(';')[0] ?? '';
      expect((await ask(site.sb, 'GET', '/api/poll', { headers: { ...host, cookie: session } })).status).toBe(
        200,
      );
      // The same value under the plain name is no session on https.
      const plain = session.replace('__Host-phien', 'phien');
      expect((await ask(site.sb, 'GET', '/api/poll', { headers: { ...host, cookie: plain } })).status).toBe(
        401,
      );
      const out = await postNow(site.sb, '/api/signout', {}, { headers: { ...host, cookie: session } });
      expect(String(out.headers['set-cookie'])).toMatch(
        /^__Host-phien=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0; Secure$/,
      );
      expect((await ask(site.sb, 'GET', '/api/poll', { headers: { ...host, cookie: session } })).status).toBe(
        401,
      );
    } finally {
      await site.sb.close();
    }
  });

  it('a trusted proxy saying https gets the __Host- cookie; anyone else saying so does not', async () => {
    const { sb } = block;
    const https = { 'x-forwarded-proto': 'https' };
    const viaProxy = await postNow(
      sb,
      '/api/signin',
      { code: newInvite(sb), name: 'Lan' },
      { headers: https },
    );
    expect(String(viaProxy.headers['set-cookie'])).toMatch(/^__Host-phien=.*; Secure$/);
    const direct = await postNow(
      sb,
      '/api/signin',
      { code: newInvite(sb), name: 'Lan' },
      {
        headers: https,
        localAddress: '127.0.0.2',
      },
    );
    expect(String(direct.headers['set-cookie'])).toMatch(
      /^phien=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=2592000$/,
    );
  });
});
