import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sign } from '@telegram-apps/init-data-node';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { upsertUnits } from '../../src/db/repositories/units.js';
import { percent } from '../../src/domain/progress-format.js';
import { formatNumber } from '../../src/domain/vn.js';
import {
  type BotProcess,
  REPO_ROOT,
  SANDBOX,
  startBot,
  stopAllBots,
  TEST_TOKEN,
  tempDbPath,
  webPageOf,
} from '../helpers/bot-process.js';
import type { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { testClock, testYear } from '../helpers/instant.js';
import { fileOnlineConference, joiner } from '../helpers/scenarios.js';
import { unitRow } from '../helpers/seed-rows.js';
import { query, seedWorld } from '../helpers/world.js';

/*
 * The leaders' dashboard (docs/dashboard-api.md) in Debian's chromium, as web-browser.test.ts drives it, against
 * the real entrypoint with WEB_PORT and the fake Bot API. The e2e world's province gets a district with two
 * communes (to open), and a next province with its commune (never to be seen). A secretary of Thanh Mai files an
 * online conference this year, so this year's figures differ from last year's.
 * UPDATE_SCREENSHOT=1 writes docs/dashboard.png and docs/dashboard-mobile.png from the demo data (the sandbox).
 */

/** The few DOM globals the page functions below use (the project compiles without lib.dom). */
declare const document: {
  documentElement: { scrollWidth: number; clientWidth: number };
  activeElement: { id: string } | null;
};

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

interface Cell {
  key: string;
  num: number;
  den: number;
  rate: number | null;
  status: string;
}
interface Dashboard {
  unit: { id: number; name: string };
  period: { from: number; to: number; label: string };
  indicators: { key: string; no: number }[];
  rows: { unitId: number; name: string; own: boolean; cells: Cell[] }[];
  total: { cells: Cell[] };
  counters: Record<string, number>;
  trend: { years: number[] };
}

const api = new FakeBotApi();
const dbPath = tempDbPath();
const world = seedWorld(dbPath);
const unit = unitRow;
upsertUnits(
  world.db,
  [
    unit('HU_DONGHY', 'Huyện ủy Đồng Hỷ', 'huyen', 'TU_TN'),
    unit('XA_HOAKHE', 'Đảng ủy xã Hòa Khê', 'xa', 'HU_DONGHY'),
    unit('XA_VANHAN', 'Đảng ủy xã Văn Hán', 'xa', 'HU_DONGHY'),
    unit('TU_BK', 'Tỉnh ủy Bắc Kạn', 'tinh', null),
    unit('XA_BANGVAN', 'Đảng ủy xã Bằng Vân', 'xa', 'TU_BK'),
  ],
  CLI_ACTOR,
  testClock(),
);
const person = joiner(api, world, 7400);

let bot: BotProcess;
let web = '';
let browser: Browser;
let leader: Conversation;

beforeAll(async () => {
  if (!hasChromium) return;
  bot = await startBot({
    apiRoot: await api.start(),
    databasePath: dbPath,
    api,
    env: { WEB_PORT: '0', WEB_HOST: '127.0.0.1' },
  });
  web = await webPageOf(bot);
  const secretary = await person('Lan', 'XA_THANHMAI', 'bi_thu');
  leader = await person('Sơn', 'TU_TN', 'lanh_dao');
  await fileOnlineConference(secretary);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  world.close();
  await stopAllBots();
  await api.stop();
});

/** The page, signed in on its own form with an invite (the API answered 401 first). */
async function signedIn(
  context: BrowserContext,
  unitCode: string,
  role: 'lanh_dao' | 'bi_thu',
  name: string,
) {
  const page = await context.newPage();
  await page.goto(`${web}dashboard`);
  await page.locator('#signin').waitFor();
  await page.fill('#code', world.invite(unitCode, role));
  await page.fill('#name', name);
  await page.keyboard.press('Enter');
  await page.locator('#board').waitFor();
  return page;
}

/** What the API says for the page's current address (same cookie). */
async function apiFor(page: Page): Promise<Dashboard> {
  const res = await page.request.get(`${web}api/dashboard${new URL(page.url()).search}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Dashboard;
}

const shown = (c: Cell) =>
  c.status === 'nodata' ? '—' : c.status === 'pending' ? 'chưa đến hạn' : percent(c.rate ?? 0);
const rowNames = (page: Page) => page.locator('#heat tbody th .name').allTextContents();
const unitName = (page: Page) => page.locator('#unit-name').textContent();

/** Every cell of the table, and the counters, are the API's. */
async function expectTableIsApi(page: Page): Promise<Dashboard> {
  const d = await apiFor(page);
  expect(await unitName(page)).toBe(d.unit.name);
  expect(await page.locator('#heat tbody tr').count()).toBe(d.rows.length);
  for (const row of d.rows) {
    const rates = await page.locator(`#heat tbody tr[data-unit="${row.unitId}"] td .rate`).allTextContents();
    expect(rates, row.name).toEqual(row.cells.map(shown));
  }
  expect(await page.locator('#heat tfoot td .rate').allTextContents()).toEqual(d.total.cells.map(shown));
  const counters = await page.locator('#counters dd').allTextContents();
  expect(counters).toEqual(
    ['conferences', 'attendances', 'loudspeakers', 'bridgePoints', 'commendations'].map((k) =>
      formatNumber(d.counters[k] ?? -1),
    ),
  );
  return d;
}

/** The rows below the unit's own are in the order asked: by rate, the empty ones last. */
function expectOrdered(d: Dashboard, names: string[], key: string, asc: boolean) {
  const at = d.indicators.findIndex((i) => i.key === key);
  const byName = new Map(d.rows.map((r) => [r.name, r]));
  const rank = (n: string) => {
    const c = byName.get(n)?.cells[at];
    return c?.rate != null ? (asc ? c.rate : -c.rate) : c?.status === 'pending' ? 2 : 3;
  };
  const ranks = names.filter((n) => !byName.get(n)?.own).map(rank);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
}

describe.skipIf(!hasChromium)('the dashboard page in chromium', () => {
  it('a leader signs in and sees the province’s units, as the API counts them, and not the next province', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const refused: string[] = [];
    context.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    const page = await signedIn(context, 'TU_TN', 'lanh_dao', 'Hùng');
    expect(await unitName(page)).toBe('Tỉnh ủy Thái Nguyên');
    const names = await rowNames(page);
    for (const n of ['Đảng ủy xã Thanh Mai', 'Đảng ủy xã Tân Kỳ', 'Huyện ủy Đồng Hỷ'])
      expect(names.some((x) => x.includes(n))).toBe(true);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain('Bắc Kạn');
    expect(text).not.toContain('Bằng Vân');
    const d = await expectTableIsApi(page);
    // The trend, asked once the table is drawn (/api/dashboard/trend): uPlot's chart, and the table read out
    // instead of it.
    await page.locator('body[data-trend="ready"]').waitFor();
    expect(d.trend.years.length).toBeGreaterThan(0);
    expect(await page.locator('#chart canvas').count()).toBe(1);
    expect(await page.locator('#trend-table tbody tr').count()).toBe(d.trend.years.length);
    expect(refused).toEqual([]);
    // The Word summary by its plain link (the cookie goes with it).
    const [docx] = await Promise.all([page.waitForEvent('download'), page.click('#docx')]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    // The next province is refused, on the page too.
    const bk = await page.request.get(`${web}api/dashboard?unit=${world.unitId('TU_BK')}`);
    expect(bk.status()).toBe(403);
    await context.close();
  });

  it('orders the units below target on most indicators first, then by a click or Enter on a header (aria-sort), the own level kept first', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await signedIn(context, 'TU_TN', 'lanh_dao', 'Hùng');
    const d = await apiFor(page);
    const first = d.indicators[0]?.key ?? '';
    const header = (key: string) => page.locator(`#heat thead th[data-key="${key}"]`);
    // By default, no column: the units below target on the most indicators first, each row saying how many.
    expect(await page.locator('#heat thead th[aria-sort]').count()).toBe(0);
    expect(await page.locator('#order').textContent()).toContain('chưa đạt nhiều chỉ tiêu nhất lên đầu');
    const lagging = (n: string) =>
      d.rows.find((r) => r.name === n)?.cells.filter((c) => c.status === 'below').length ?? 0;
    const counts = (await rowNames(page)).filter((n) => !d.rows.find((r) => r.name === n)?.own).map(lagging);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const badges = await page.locator('#heat tbody tr:not(.own) th .lag').allTextContents();
    expect(badges).toEqual(counts.filter((c) => c > 0).map((c) => `${c} chỉ tiêu chưa đạt`));

    await header(first).locator('button').click();
    expect(await header(first).getAttribute('aria-sort')).toBe('ascending');
    expectOrdered(d, await rowNames(page), first, true);

    await header(first).locator('button').click();
    expect(await header(first).getAttribute('aria-sort')).toBe('descending');
    expectOrdered(d, await rowNames(page), first, false);

    const second = d.indicators[1]?.key ?? '';
    await header(second).locator('button').focus();
    await page.keyboard.press('Enter');
    expect(await header(second).getAttribute('aria-sort')).toBe('ascending');
    expect(await header(first).getAttribute('aria-sort')).toBeNull();
    expectOrdered(d, await rowNames(page), second, true);

    await header('name').locator('button').click();
    const byName = (await rowNames(page)).filter((n) => !d.rows.find((r) => r.name === n)?.own);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'vi')));
    await page.keyboard.press('Space');
    expect(await header('name').getAttribute('aria-sort')).toBe('descending');
    expect((await rowNames(page)).filter((n) => byName.includes(n))).toEqual([...byName].reverse());

    // A cell shows its figures when focused: the detail line, and its title.
    const cell = page.locator('#heat tbody td').first();
    await cell.click();
    expect(await page.locator('#detail').textContent()).toBe(await cell.getAttribute('title'));
    expect(await page.locator('#detail').textContent()).toMatch(/ — 1\. /);
    // The arrows move between the cells (one tab stop for the whole table).
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#detail').textContent()).toMatch(/ — 2\. /);
    expect(await page.locator('#heat td[tabindex="0"]').count()).toBe(1);
    await context.close();
  });

  it('opens a district’s communes, and goes back by the breadcrumb; the period picker changes the numbers', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await signedIn(context, 'TU_TN', 'lanh_dao', 'Hùng');
    // The keyboard: the district's name is a button, Enter opens it and the focus goes to its heading.
    await page.getByRole('button', { name: 'Huyện ủy Đồng Hỷ', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => unitName(page)).toBe('Huyện ủy Đồng Hỷ');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('unit-name');
    expect(await rowNames(page)).toEqual(
      expect.arrayContaining(['Đảng ủy xã Hòa Khê', 'Đảng ủy xã Văn Hán']),
    );
    expect(await page.locator('#trail').textContent()).toContain('Tỉnh ủy Thái Nguyên');
    await expectTableIsApi(page);
    await page.locator('#trail').getByRole('button', { name: 'Tỉnh ủy Thái Nguyên' }).click();
    await expect.poll(() => unitName(page)).toBe('Tỉnh ủy Thái Nguyên');

    const thisYear = await expectTableIsApi(page);
    expect(thisYear.period).toMatchObject({ from: testYear, to: testYear });
    // The total: this year's conference in Thanh Mai (a commune since 01/07/2025, so not a row of every year).
    const total = '#heat tfoot tr';
    const before = await page.locator(total).textContent();
    await page.selectOption('#to', String(testYear - 1));
    await expect.poll(() => page.locator('#subtitle').textContent()).toContain(`${testYear - 1}`);
    const lastYear = await expectTableIsApi(page);
    expect(lastYear.period).toMatchObject({ from: testYear - 1, to: testYear - 1 });
    expect(await page.locator(total).textContent()).not.toBe(before);
    await context.close();
  });

  it('a secretary sees only their unit', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await signedIn(context, 'XA_THANHMAI', 'bi_thu', 'Lan');
    expect(await unitName(page)).toBe('Đảng ủy xã Thanh Mai');
    const text = (await page.locator('#board').textContent()) ?? '';
    for (const other of ['Tân Kỳ', 'Đồng Hỷ', 'Bắc Kạn']) expect(text).not.toContain(other);
    expect(await page.locator('#trail button').count()).toBe(0);
    await expectTableIsApi(page);
    // The province's address: refused, and the page stays on her unit.
    await page.goto(`${web}dashboard?unit=${world.unitId('TU_TN')}`);
    await expect.poll(() => page.locator('#error').textContent()).not.toBe('');
    expect(await unitName(page)).toBe('Đảng ủy xã Thanh Mai');
    expect(new URL(page.url()).searchParams.get('unit')).toBe(String(world.unitId('XA_THANHMAI')));
    await context.close();
  });

  it('inside Telegram: signs in with the Mini App’s init data; a forged one is refused', async () => {
    const initData = (userId: number, token: string) =>
      sign({ user: { id: userId, first_name: 'Sơn' }, query_id: 'AAE' }, token, testClock());
    const open = async (data: string) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      const page = await context.newPage();
      await page.goto(`${web}dashboard#tgWebAppData=${encodeURIComponent(data)}&tgWebAppVersion=8.0`);
      return { context, page };
    };
    const good = await open(initData(leader.from.id, TEST_TOKEN));
    await expect.poll(() => unitName(good.page)).toBe('Tỉnh ủy Thái Nguyên');
    expect(await good.page.locator('#who').textContent()).toContain('Sơn');
    // The API calls went with the bearer token, not a cookie.
    await good.context.clearCookies();
    await good.page.getByRole('button', { name: 'Huyện ủy Đồng Hỷ', exact: true }).click();
    await expect.poll(() => unitName(good.page)).toBe('Huyện ủy Đồng Hỷ');
    // The downloads too: fetched with the token and saved under the server's file name.
    const [xlsx] = await Promise.all([good.page.waitForEvent('download'), good.page.click('#xlsx')]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await readFile((await xlsx.path()) ?? '')).subarray(0, 2).toString()).toBe('PK');
    await good.context.close();

    const forged = await open(initData(leader.from.id, '123456:another-bot'));
    await forged.page.locator('#signin').waitFor();
    expect(await forged.page.locator('#signin-why').textContent()).toMatch(/^Telegram không xác nhận/);
    expect(await forged.page.locator('#board').isHidden()).toBe(true);
    await forged.context.close();
  });

  it('at 390 px only the table scrolls sideways, its unit column kept in view', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await signedIn(context, 'TU_TN', 'lanh_dao', 'Hùng');
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    const scroller = page.locator('#table-scroll');
    const { scrollWidth, clientWidth } = await scroller.evaluate((e) => ({
      scrollWidth: e.scrollWidth,
      clientWidth: e.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    const unitCell = page.locator('#heat tbody th').first();
    const x = (await unitCell.boundingBox())?.x;
    await scroller.evaluate((e) => e.scrollBy(300, 0));
    expect((await unitCell.boundingBox())?.x).toBe(x);
    await context.close();
  });
});

/** `npm run sandbox` (the demo data) in a child process: its address and the province leader's invite code. */
async function demoSandbox(): Promise<{ url: string; code: string; dbPath: string; stop(): Promise<void> }> {
  const db = tempDbPath('sandbox.sqlite');
  const child = spawn(process.execPath, [SANDBOX, db], {
    cwd: REPO_ROOT,
    env: { ...process.env, WEB_PORT: '0', WEB_HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  let out = '';
  const [url, code] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${out}`)), 50_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const u = /không cần Telegram\): (http:\S+)/.exec(out)?.[1];
      const c = /lãnh đạo của .+: mã ([A-Z0-9]+) — /.exec(out)?.[1];
      if (u && c && out.includes('Ctrl+C')) {
        clearTimeout(timer);
        resolve([u, c]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (status) => reject(new Error(`sandbox exited (${status}):\n${out}`)));
  });
  return { url, code, dbPath: db, stop };
}

describe.skipIf(!hasChromium || !process.env.UPDATE_SCREENSHOT)('screenshots of the demo data', () => {
  it('writes docs/dashboard.png (1280×800) and docs/dashboard-mobile.png (390×844): Chợ Mới, 2017–2022', async () => {
    const sb = await demoSandbox();
    try {
      const [choMoi] = query<{ id: number }>(sb.dbPath, "select id from units where code = 'HU_CHOMOI'");
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${sb.url}dashboard?unit=${choMoi?.id}&from=2017&to=2022`);
      await page.locator('#signin').waitFor();
      await page.fill('#code', sb.code);
      await page.fill('#name', 'Hùng');
      await page.keyboard.press('Enter');
      await expect.poll(() => unitName(page)).toBe('Huyện ủy Chợ Mới');
      await page.screenshot({ path: join(REPO_ROOT, 'docs/dashboard.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      await expect.poll(() => unitName(page)).toBe('Huyện ủy Chợ Mới');
      // On the phone, the table at the top of the screen.
      await page.locator('#table-title').evaluate((e) => e.scrollIntoView());
      await page.screenshot({ path: join(REPO_ROOT, 'docs/dashboard-mobile.png') });
      await context.close();
    } finally {
      await sb.stop();
    }
  }, 90_000);
});
