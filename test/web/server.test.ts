import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWebSession,
  findWebSession,
  redeemWebSignInCode,
} from '../../src/db/repositories/web-sessions.js';
import { isWebOnlyUser } from '../../src/web/channel.js';
import { type Sandbox, startSandbox } from '../../src/web/sandbox.js';
import { tempDbPath } from '../helpers/bot-process.js';
import { testClock, testToday } from '../helpers/instant.js';
import { startTestSandbox } from '../helpers/sandbox.js';
import { WebClient } from '../helpers/web-client.js';

/*
 * The web channel in-process (the sandbox: demo data, no Telegram): the page's JSON calls run the bot's own
 * handlers, forms and permissions.
 */

let sb: Sandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

const secretary = () => sb.invites.find((i) => i.role === 'bi_thu')?.code ?? '';
const leader = () => sb.invites.find((i) => i.role === 'lanh_dao')?.code ?? '';
const rows = () =>
  sb.db.$client
    .prepare(
      // Not the sample's history, which the CLI filed (created_by 0).
      'select r.eligible, r.present, r.non_member_attendances as people, r.created_by as by, r.held_on as heldOn from conference_reports r where r.created_by <> 0',
    )
    .all() as { eligible: number; present: number; people: number; by: number; heldOn: string }[];

describe('signing in', () => {
  it('refuses a wrong code in Vietnamese and wants a name with an invite; the page needs a session', async () => {
    const c = new WebClient(sb.server.url);
    expect((await c.poll()).status).toBe(401);
    const wrong = await c.signIn('KHONGCOMA');
    expect(wrong.status).toBe(400);
    expect(wrong.data.error).toContain('Mã không đúng');
    expect((await c.signIn(secretary(), '')).data.error).toContain('họ tên');
    expect((await c.call('POST', '/api/send', { text: '/tiendo' })).status).toBe(401);
  });

  it('with an invite: an HTTP-only, SameSite=Strict, expiring cookie, and the bot greets through /start', async () => {
    const res = await fetch(new URL('/api/signin', sb.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: leader(), name: 'Hùng' }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^phien=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=2592000$/);
    const c = new WebClient(sb.server.url);
    c.cookie = cookie.split(';')[0] ?? '';
    const page = await c.poll();
    expect(page.data.name).toBe('Hùng');
    expect(c.snapshot.messages[0]?.text).toContain(
      'Chào đồng chí Hùng! Đồng chí đã được ghi nhận là lãnh đạo',
    );
    expect(c.snapshot.commands.map((x) => x.command)).toContain('tiendo');
    // The invite is spent: a second browser cannot use it.
    expect((await new WebClient(sb.server.url).signIn(leader())).status).toBe(400);
  });

  it('a session past its expiry is no session', () => {
    const id = sb.db.$client.prepare('select id from users limit 1').pluck().get() as number;
    const s = createWebSession(sb.db, id, new Date('2026-01-01T00:00:00Z'));
    expect(findWebSession(sb.db, s.id, new Date('2026-01-02T00:00:00Z'))?.userId).toBe(id);
    expect(findWebSession(sb.db, s.id, new Date('2026-03-01T00:00:00Z'))).toBeNull();
  });
});

describe('a secretary in the browser', () => {
  const c = () => lan;
  let lan: WebClient;
  beforeAll(async () => {
    lan = new WebClient(sb.server.url);
    expect((await lan.signIn(secretary(), 'Lan')).status).toBe(200);
  });

  it('files a /baocao by pressing and typing, and the row is saved as from that web user', async () => {
    await c().say('/baocao');
    await c().press('Hội nghị học tập, quán triệt');
    await c().press('Hôm nay');
    await c().say('35');
    await c().press('Trực tiếp');
    await c().press('Dùng số hiện có: 906');
    expect(await c().say('nhiều')).toEqual([expect.stringContaining('số')]);
    await c().say('850');
    await c().say('1.250');
    await c().press('Không');
    await c().press('Có');
    await c().press('⏭ Bỏ qua');
    const saved = await c().press('✅ Xác nhận');
    expect(saved.at(-1)).toContain('✅ Đã lưu báo cáo số');
    expect(saved.at(-1)).toContain('93,8% (850/906)');
    const [row] = rows();
    // "Hôm nay" is the tests' day (TEST_INSTANT): the sandbox runs on the tests' clock.
    expect(row).toMatchObject({ eligible: 906, present: 850, people: 1250, heldOn: testToday });
    expect(isWebOnlyUser(row?.by ?? 0)).toBe(true);
  });

  it('sees /tiendo, its chart as a PNG, and /xuat as an Excel file to download', async () => {
    expect((await c().say('/tiendo'))[0]).toContain('Tiến độ Đề án 07-ĐA/TU');
    await c().press('📈 Biểu đồ');
    const photo = c().snapshot.messages.findLast((m) => m.photo)?.photo;
    const png = await fetch(new URL(`/api/file/${photo?.id}`, sb.server.url), {
      headers: { cookie: c().cookie },
    });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    // Another browser cannot fetch it.
    expect((await fetch(new URL(`/api/file/${photo?.id}`, sb.server.url))).status).toBe(401);

    await c().say('/xuat');
    const doc = c().snapshot.messages.findLast((m) => m.document)?.document;
    const xlsx = await fetch(new URL(`/api/file/${doc?.id}?download`, sb.server.url), {
      headers: { cookie: c().cookie },
    });
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''.+\.xlsx$/);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    await c().say('/tongket');
    const word = c().snapshot.messages.findLast((m) => m.document)?.document;
    expect(word?.name).toMatch(/\.docx$/);
    expect(word?.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('/web gives a one-time code that signs another browser in as the same user, with the same data', async () => {
    const [reply] = await c().say('/web');
    const code = /: ([A-Z0-9]{10})\n/.exec(reply ?? '')?.[1] ?? '';
    expect(code).not.toBe('');
    const phone = new WebClient(sb.server.url);
    expect((await phone.signIn(code, '')).data.name).toBe('Lan');
    expect((await phone.say('/danhsach')).join('\n')).toContain('850');
    expect((await new WebClient(sb.server.url).signIn(code)).status).toBe(400);
  });

  it('a button that is not on the message is refused', async () => {
    const last = c().snapshot.messages.at(-1)?.id ?? 0;
    const r = await c().call('POST', '/api/press', { messageId: last, data: 'k:hn' });
    expect(r.status).toBe(409);
    expect(r.data.error).toBe('Nút này không còn dùng được.');
  });
});

describe('/web codes', () => {
  it('map to the user they were given to, once, before they expire', async () => {
    const { createWebSignInCode } = await import('../../src/db/repositories/web-sessions.js');
    const id = sb.db.$client.prepare('select id from users limit 1').pluck().get() as number;
    const t = new Date('2026-05-01T00:00:00Z');
    const a = createWebSignInCode(sb.db, id, t);
    expect(redeemWebSignInCode(sb.db, a.code.toLowerCase(), t)).toBe(id);
    expect(redeemWebSignInCode(sb.db, a.code, t)).toBeNull();
    const b = createWebSignInCode(sb.db, id, t);
    expect(redeemWebSignInCode(sb.db, b.code, new Date('2026-05-01T00:16:00Z'))).toBeNull();
  });
});

describe('a restart of the bot', () => {
  it('does not empty the page: the conversation, its buttons and its version go on', async () => {
    const databasePath = tempDbPath('sandbox.sqlite');
    const start = () =>
      startSandbox({
        databasePath,
        host: '127.0.0.1',
        port: 0,
        logger: pino({ level: 'silent' }),
        now: testClock,
      });
    const before = await start();
    const page = new WebClient(before.server.url);
    const code = before.invites.find((i) => i.role === 'lanh_dao')?.code ?? '';
    expect((await page.signIn(code, 'Hùng')).status).toBe(200);
    await page.poll();
    await page.say('/tiendo');
    const seen = page.snapshot;
    await before.close();

    const after = await start();
    try {
      const again = new WebClient(after.server.url);
      again.cookie = page.cookie;
      const reloaded = await again.poll();
      expect(reloaded.status).toBe(200);
      expect(again.snapshot.messages).toEqual(seen.messages);
      expect(again.snapshot.version).toBe(seen.version);
      expect((await again.press('📅 Năm trước'))[0]).toContain('Tiến độ');
      expect(again.snapshot.version).toBeGreaterThan(seen.version);
    } finally {
      await after.close();
    }
  });
});
