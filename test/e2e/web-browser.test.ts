import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SANDBOX, tempDbPath } from '../helpers/bot-process.js';
import { TEST_CLOCK_START, testToday } from '../helpers/instant.js';
import { query } from '../helpers/world.js';

/*
 * The web channel in a real headless browser (Debian's chromium, driven by playwright-core): `npm run sandbox`
 * in a child process (demo data, no Telegram), a secretary signs in with the invite link on a phone-sized
 * window and files a /baocao by clicking and typing, then signs in on a desktop-sized window with the code
 * `/web` gave her and uses the page with the keyboard alone.
 */

/** The few DOM globals the page functions below use (the project compiles without lib.dom). */
declare const document: {
  getElementById(id: string): {
    textContent: string | null;
    dataset: Record<string, string | undefined>;
    scrollTo(x: number, y: number): void;
  } | null;
  querySelectorAll(s: string): Iterable<{ complete: boolean; naturalWidth: number }>;
  activeElement: {
    id: string;
    tagName: string;
    textContent: string | null;
    closest(s: string): unknown;
  } | null;
  documentElement: { scrollWidth: number };
};

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  const why = `chromium không có ở ${CHROMIUM}: cài bằng \`apt-get install -y chromium\` (.ci/run tự cài).`;
  // CI (.ci/run) sets REQUIRE_BROWSER: there a missing browser is a failure, never a skip.
  if (process.env.REQUIRE_BROWSER) throw new Error(why);
  process.stderr.write(`\n⚠️  BỎ QUA các bài kiểm thử trình duyệt: ${why}\n\n`);
}

const dbPath = tempDbPath('sandbox.sqlite');
let sandbox: ChildProcess;
let url = '';
let inviteLink = '';
let browser: Browser;
/** The `/web` code the phone session got, for the desktop one. */
let webCode = '';

async function startSandbox(): Promise<void> {
  sandbox = spawn(process.execPath, [SANDBOX, dbPath], {
    cwd: REPO_ROOT,
    // At the tests' instant, as every bot and CLI the tests start (test/helpers/instant.ts).
    env: {
      ...process.env,
      WEB_PORT: '0',
      WEB_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CLOCK_START: TEST_CLOCK_START,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${out}`)), 50_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const u = /không cần Telegram\): (http:\S+)/.exec(out);
      const link = /bí thư của .+: mã [A-Z0-9]+ — (http:\S+)/.exec(out);
      if (u?.[1] && link?.[1] && out.includes('Ctrl+C')) {
        clearTimeout(timer);
        url = u[1];
        inviteLink = link[1];
        resolve();
      }
    };
    sandbox.stdout?.on('data', read);
    sandbox.stderr?.on('data', read);
    sandbox.once('exit', (code) => reject(new Error(`sandbox exited (${code}):\n${out}`)));
  });
}

beforeAll(async () => {
  if (!hasChromium) return;
  await startSandbox();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (sandbox && sandbox.exitCode === null) {
    const exited = new Promise((r) => sandbox.once('exit', r));
    sandbox.kill('SIGTERM');
    await exited;
  }
});

const botMessages = (page: Page) => page.locator('li.msg.bot');
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id);

/** Does `act` (a send or a press), then waits until the page shows the bot's answer; returns its last message. */
async function expectReply(page: Page, act: () => Promise<void>): Promise<string> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => /\/api\/(send|press)$/.test(new URL(r.url()).pathname)),
    act(),
  ]);
  const { version } = (await res.json()) as { version: number };
  await page.waitForFunction((v) => Number(document.getElementById('log')?.dataset.version) >= v, version);
  return ((await botMessages(page).last().textContent()) ?? '').trim();
}

const say = (page: Page, text: string) =>
  expectReply(page, async () => {
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
  });
const press = (page: Page, label: string) =>
  expectReply(page, () => page.getByRole('button', { name: label, exact: true }).last().click());

async function seeChart(page: Page): Promise<void> {
  expect(await say(page, '/tiendo')).toContain('Tiến độ Đề án 07-ĐA/TU');
  await press(page, '📈 Biểu đồ');
  const img = page.locator('li.msg img').last();
  await img.waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('li.msg img')].every((i) => i.complete && i.naturalWidth > 0),
  );
  expect(await img.getAttribute('alt')).toContain('Đề án 07-ĐA/TU');
}

describe.skipIf(!hasChromium)('the web page in chromium', () => {
  it('phone (390×844): the invite link, a /baocao by clicking and typing, /tiendo with its chart', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(inviteLink);
    // The sign-in form shows once the page has asked the server for a session (after "load"): the code is
    // filled in from the link and the name field has the focus.
    await page.waitForFunction(() => document.activeElement?.id === 'name');
    expect(await page.inputValue('#code')).toBe(inviteLink.split('start=')[1]);
    await page.keyboard.type('Lan');
    await page.keyboard.press('Enter');
    await page.getByText('Chào đồng chí Lan!').waitFor();
    expect(page.url()).toBe(url);

    await say(page, '/baocao');
    await press(page, 'Hội nghị học tập, quán triệt');
    await press(page, 'Hôm nay');
    await say(page, '35');
    await press(page, 'Trực tiếp');
    await press(page, 'Dùng số hiện có: 906');
    await say(page, '850');
    await say(page, '1.250');
    await press(page, 'Không');
    await press(page, 'Có');
    expect(await press(page, '⏭ Bỏ qua')).toContain('Kiểm tra lại trước khi lưu');
    expect(await press(page, '✅ Xác nhận')).toContain('Tỷ lệ đảng viên tham dự: 93,8% (850/906)');
    // Not the sample's history, which the CLI filed (created_by 0).
    // "Hôm nay" is the tests' day: the sandbox process runs at CLOCK_START.
    const saved = query<{ present: number; heldOn: string }>(
      dbPath,
      'select present, held_on as heldOn from conference_reports where created_by <> 0',
    );
    expect(saved).toEqual([{ present: 850, heldOn: testToday }]);

    await seeChart(page);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const reply = await say(page, '/web');
    webCode = /: ([A-Z0-9]{10})\n/.exec(reply)?.[1] ?? '';
    expect(webCode).not.toBe('');
    await context.close();
  });

  it('desktop (1280×800): the /web code typed in, then the keyboard alone: menu, Enter, Tab to a button', async () => {
    expect(webCode).not.toBe('');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.activeElement?.id === 'code');
    await page.keyboard.type(webCode);
    await page.keyboard.press('Enter');
    await page.getByText('Chào đồng chí Lan! Đồng chí đang là').waitFor();
    expect(await activeId(page)).toBe('text');

    // The command menu: Shift+Tab from the text box, Enter opens it on its first command.
    await page.keyboard.press('Shift+Tab');
    expect(await activeId(page)).toBe('menu-button');
    await page.keyboard.press('Enter');
    const first = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(first).toMatch(/^\/\w+ — /);
    expect(await expectReply(page, () => page.keyboard.press('Enter'))).toBeTruthy();
    expect(await activeId(page)).toBe('text');

    // Same user, same data: the report filed on the phone is listed here.
    await page.keyboard.type('/danhsach');
    await expectReply(page, () => page.keyboard.press('Enter'));
    expect(await page.locator('#log').textContent()).toContain('850');

    await seeChart(page);
    // The chart's buttons are reachable by Tab: back from the text box past the menu button.
    await page.focus('#text');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    const focused = await page.evaluate(() => ({
      tag: document.activeElement?.tagName,
      inLog: Boolean(document.activeElement?.closest('#log')),
    }));
    expect(focused).toMatchObject({ tag: 'BUTTON', inLog: true });
    await expectReply(page, () => page.keyboard.press('Enter'));

    const shot = process.env.UPDATE_SCREENSHOT
      ? join(REPO_ROOT, 'docs/web-chat.png')
      : join(dbPath, '../web.png');
    await page.evaluate(() => document.getElementById('log')?.scrollTo(0, 1e9));
    await page.screenshot({ path: shot });
    await context.close();
  });
});
