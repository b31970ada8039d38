import { sign } from '@telegram-apps/init-data-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { progressRules } from '../../src/db/repositories/deadline-settings.js';
import { DUE_SINCE_KEY } from '../../src/db/repositories/due-items.js';
import { progress } from '../../src/db/repositories/progress.js';
import { setSetting } from '../../src/db/repositories/settings.js';
import { INDICATORS } from '../../src/domain/indicators.js';
import { spanDates } from '../../src/domain/period.js';
import { addDaysIso, formatNumber } from '../../src/domain/vn.js';
import {
  type BotProcess,
  startBot,
  stopAllBots,
  TEST_TOKEN,
  tempDbPath,
  webPageOf,
} from '../helpers/bot-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { testClock, testToday } from '../helpers/instant.js';
import { PROVINCE, seedProvince } from '../helpers/province.js';
import { groupChat, privateChat, user } from '../helpers/updates.js';
import { WebClient } from '../helpers/web-client.js';
import { seedWorld } from '../helpers/world.js';

/*
 * The dashboard's API on the real entrypoint (docs/dashboard-api.md): two provinces, who sees which, the numbers
 * against /tiendo's, the Mini App sign-in and its forgeries, the /tiendo button and the menu button.
 */

const WEB_URL = 'https://baocao.tinhuy.example.vn/';
const api = new FakeBotApi();
const dbPath = tempDbPath();
// The province's conferences were 60 days ago: ask for that year.
const year = Number(addDaysIso(testToday, -60).slice(0, 4));
let bot: BotProcess;
let web = '';
let ids: { province: number; otherProvince: number; thanhMai: number; tanKy: number };
let invites: { leader: string; secretary: string };

const leader = user(8101, 'Hùng');

type Json = Record<string, unknown> & {
  unit: { id: number; name: string; parent: unknown };
  rows: { unitId: number; name: string; own: boolean; hasChildren: boolean; cells: Cell[] }[];
  total: { cells: Cell[] };
  error?: string;
};
type Cell = { key: string; num: number; den: number; rate: number | null; status: string; pending: number };

async function get(path: string, auth: { token?: string; cookie?: string }) {
  const res = await fetch(new URL(path, web), {
    headers: {
      ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
      ...(auth.cookie ? { cookie: auth.cookie } : {}),
    },
  });
  return res;
}

function initData(u: { id: number; first_name: string } | null, authDate: Date, token = TEST_TOKEN): string {
  return sign({ ...(u ? { user: u } : {}), query_id: 'AAE' } as Parameters<typeof sign>[0], token, authDate);
}

async function miniAppSignIn(data: string) {
  const res = await fetch(new URL('/api/miniapp/signin', web), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ initData: data }),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, string>,
    cookie: res.headers.get('set-cookie'),
  };
}

beforeAll(async () => {
  const province = seedProvince(dbPath, testToday);
  // The bot has been tracking deadlines since the seed's conferences (60 days ago, maybe last year): a bot first
  // started in January would not list last year's items (due-items.ts, DUE_SINCE_KEY).
  setSetting(province.db, DUE_SINCE_KEY, String(year));
  province.db.$client.close();
  const world = seedWorld(dbPath);
  ids = {
    province: province.provinceId,
    otherProvince: world.unitId('TU_TN'),
    thanhMai: world.unitId('XA_THANHMAI'),
    tanKy: world.unitId('XA_TANKY'),
  };
  const db = world.db;
  const { createInvite } = await import('../../src/db/repositories/invites.js');
  invites = {
    leader: createInvite(db, { unitId: ids.province, role: 'lanh_dao', createdBy: null, now: testClock() })
      .code,
    secretary: world.invite('XA_THANHMAI', 'bi_thu'),
  };
  world.close();
  const apiRoot = await api.start();
  bot = await startBot({
    apiRoot,
    databasePath: dbPath,
    api,
    env: { WEB_PORT: '0', WEB_HOST: '127.0.0.1', WEB_URL },
  });
  web = await webPageOf(bot);
  const tg = new Conversation(api, leader, privateChat(leader));
  await tg.say(`/start ${invites.leader}`);
}, 60_000);

afterAll(async () => {
  await stopAllBots();
  await api.stop();
});

describe('the dashboard API', () => {
  it('serves the page framed only by Telegram Web, the others not framed at all', async () => {
    const page = await fetch(new URL('/dashboard', web));
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors https://web.telegram.org');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const chat = await fetch(web);
    expect(chat.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await get('/api/dashboard', {})).status).toBe(401);
  });

  it('sets the menu button to the dashboard at join (WEB_URL is https)', async () => {
    const call = await api.waitFor((c) => c.method === 'setChatMenuButton');
    const button =
      typeof call.payload.menu_button === 'string'
        ? JSON.parse(call.payload.menu_button)
        : call.payload.menu_button;
    expect(button).toEqual({
      type: 'web_app',
      text: 'Bảng theo dõi',
      web_app: { url: `${WEB_URL}dashboard` },
    });
    expect(call.status).toBe('ok');
  });

  it('a Mini App sign-in maps the Telegram user to their role: a provincial leader sees the province, not the next one', async () => {
    const r = await miniAppSignIn(initData({ id: leader.id, first_name: 'Hùng' }, testClock()));
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('Hùng');
    expect(r.body.token).toMatch(/^[0-9a-f]{64}$/);
    expect(r.cookie).toContain('HttpOnly');
    const res = await get(`/api/dashboard?from=${year}&to=${year}`, { token: r.body.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const d = (await res.json()) as Json;
    expect(d.unit).toMatchObject({ id: ids.province, name: PROVINCE.name, parent: null });
    expect(d.roots).toEqual([{ id: ids.province, name: PROVINCE.name }]);
    const children = d.rows.filter((row) => !row.own);
    expect(children).toHaveLength(PROVINCE.communes);
    expect(children.every((row) => row.hasChildren === false && row.cells.length === 7)).toBe(true);
    expect(d.period).toMatchObject({ from: year, to: year });
    // The page's two steps: the table without the trend, then the trend apart, the same as in one answer.
    const q = `unit=${ids.province}&from=${year}&to=${year}`;
    const tableOnly = (await (
      await get(`/api/dashboard?${q}&trend=0`, { token: r.body.token })
    ).json()) as Json;
    expect(tableOnly).toEqual({ ...d, trend: null });
    const trend = await get(`/api/dashboard/trend?${q}`, { token: r.body.token });
    expect(trend.status).toBe(200);
    expect(await trend.json()).toEqual(d.trend);
    expect(
      (await get(`/api/dashboard/trend?unit=${ids.otherProvince}`, { token: r.body.token })).status,
    ).toBe(403);
    expect((await get(`/api/dashboard/trend?${q}`, {})).status).toBe(401);

    const other = await get(`/api/dashboard?unit=${ids.otherProvince}`, { token: r.body.token });
    expect(other.status).toBe(403);
    expect(((await other.json()) as Json).error).toContain('không được xem');
    expect((await get(`/api/dashboard?unit=${ids.thanhMai}`, { token: r.body.token })).status).toBe(403);
    expect((await get('/api/dashboard?unit=99999999', { token: r.body.token })).status).toBe(404);
    expect(
      (await get(`/api/dashboard/export.xlsx?unit=${ids.otherProvince}`, { token: r.body.token })).status,
    ).toBe(403);
  });

  it("the numbers equal /tiendo's for the same unit and period, and progress()'s per unit", async () => {
    const r = await miniAppSignIn(initData({ id: leader.id, first_name: 'Hùng' }, testClock()));
    const d = (await (
      await get(`/api/dashboard?unit=${ids.province}&from=${year}&to=${year}`, { token: r.body.token })
    ).json()) as Json;
    const tg = new Conversation(api, leader, privateChat(leader));
    const [text] = await tg.say(`/tiendo ${year}`);
    const counted = d.total.cells.filter((c) => c.den > 0);
    expect(counted.length).toBeGreaterThan(0);
    for (const c of counted) expect(text).toContain(`${formatNumber(c.num)}/${formatNumber(c.den)}`);

    const db = openDatabase(dbPath);
    try {
      const p = progress(db, {
        rootIds: [ids.province],
        ...spanDates({ from: year, to: year }),
        ...progressRules(db, testToday),
      });
      for (const row of d.rows) {
        const raw = p.buckets.get(row.unitId);
        for (const [i, key] of INDICATORS.entries()) {
          const cell = row.cells[i];
          expect(cell?.key).toBe(key);
          expect([cell?.num, cell?.den, cell?.pending]).toEqual([
            raw?.[key].num ?? 0,
            raw?.[key].den ?? 0,
            raw?.[key].pending ?? 0,
          ]);
        }
      }
      expect(d.total.cells.map((c) => [c.num, c.den])).toEqual(
        INDICATORS.map((k) => [p.total[k].num, p.total[k].den]),
      );
    } finally {
      db.$client.close();
    }
    // Each commune owes three action plans, overdue (the seed): late items are listed, at most 50.
    const late = d.late as { items: { daysLate: number }[]; more: number };
    expect(late.items.length).toBe(50);
    expect(late.items.length + late.more).toBeGreaterThanOrEqual(PROVINCE.communes);
    expect(late.items.every((i) => i.daysLate > 0)).toBe(true);
  });

  it('/tiendo opens the dashboard: a web_app button in a private chat, a link in a group', async () => {
    const tg = new Conversation(api, leader, privateChat(leader));
    await tg.say(`/tiendo ${year}`);
    const url = `${WEB_URL}dashboard?unit=${ids.province}&from=${year}&to=${year}`;
    expect(api.buttons(tg.last()).find((b) => b.text === '📊 Mở bảng theo dõi')).toEqual({
      text: '📊 Mở bảng theo dõi',
      web_app: { url },
    });
    const group = new Conversation(api, leader, groupChat(-100_8101, 'Ban Tuyên giáo'));
    await group.say(`/tiendo ${year}`);
    const link = api.buttons(group.last()).find((b) => b.text === '📊 Mở bảng theo dõi');
    expect(link).toEqual({ text: '📊 Mở bảng theo dõi', url });
  });

  it('a secretary signed in by invite in the browser sees only their commune', async () => {
    const page = new WebClient(web);
    expect((await page.signIn(invites.secretary, 'Lan')).status).toBe(200);
    const res = await get('/api/dashboard', { cookie: page.cookie });
    expect(res.status).toBe(200);
    const d = (await res.json()) as Json;
    expect(d.unit).toMatchObject({ id: ids.thanhMai, parent: null });
    expect((await get(`/api/dashboard?unit=${ids.tanKy}`, { cookie: page.cookie })).status).toBe(403);
    expect((await get(`/api/dashboard?unit=${ids.province}`, { cookie: page.cookie })).status).toBe(403);
    const xlsx = await get(`/api/dashboard/export.xlsx?unit=${ids.thanhMai}`, { cookie: page.cookie });
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const docx = await get(`/api/dashboard/summary.docx?unit=${ids.thanhMai}`, { cookie: page.cookie });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain('.docx');
  });

  it('refuses forged initData: a wrong hash, a stale auth_date, another bot’s token, no user', async () => {
    const good = initData({ id: leader.id, first_name: 'Hùng' }, testClock());
    const forged = [
      good.replace(/hash=([0-9a-f])/, (_m, c: string) => `hash=${c === '0' ? '1' : '0'}`),
      good.replace('Hùng', 'Hung').replace(encodeURIComponent('Hùng'), 'Hung'),
      initData({ id: leader.id, first_name: 'Hùng' }, new Date(testClock().getTime() - 2 * 3600_000)),
      initData(
        { id: leader.id, first_name: 'Hùng' },
        testClock(),
        '654321:OTHER-token-abcdefghijklmnopqrstuvwxyz',
      ),
      initData(null, testClock()),
      '',
    ];
    for (const data of forged) {
      const r = await miniAppSignIn(data);
      expect(r.status, data).toBe(401);
      expect(r.body.error).toMatch(/Telegram/);
      expect(r.body.token).toBeUndefined();
    }
    expect(bot.output()).toContain('mini app sign-in refused');
    expect(bot.output()).not.toContain(/hash=([0-9a-f]{64})/.exec(good)?.[1] ?? 'x');
  });
});
