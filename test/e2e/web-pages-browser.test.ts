import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenValidIn, getUnitByCode } from '../../src/db/repositories/units.js';
import type { Sandbox } from '../../src/web/sandbox.js';
import { testToday } from '../helpers/instant.js';
import { seedReformProvince } from '../helpers/reform-province.js';
import { startTestSandbox } from '../helpers/sandbox.js';

/*
 * A paged list in a real headless browser (Debian's chromium; skipped without it, as web-browser.test.ts says):
 * the province's 126 communes under /donvi, turned page by page with the keyboard alone. The press edits the
 * message in place, and the focus stays on the page button, so Enter again turns the next page.
 */

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

let sb: Sandbox;
let browser: Browser;
beforeAll(async () => {
  if (!hasChromium) return;
  sb = await startTestSandbox();
  const province = getUnitByCode(sb.db, 'TU_THAINGUYEN_2025')?.id ?? 0;
  seedReformProvince(
    sb.db,
    'TU_THAINGUYEN_2025',
    childrenValidIn(sb.db, province, testToday, '9999-12-31').length,
  );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await sb?.close();
});

const list = (page: Page) => page.locator('li.msg.bot').last();
const pageLine = async (page: Page) =>
  /Trang \d+\/\d+$/.exec((await list(page).locator('.text').textContent()) ?? '')?.[0];

describe.skipIf(!hasChromium)('a paged list in the browser', () => {
  it('turns the pages of /donvi with Enter, in one message, the focus kept on the page button', async () => {
    const page = await browser.newPage();
    await page.goto(sb.invites.find((i) => i.role === 'lanh_dao')?.link ?? '');
    await page.fill('#name', 'Hùng');
    await page.keyboard.press('Enter');
    await page.fill('#text', '/donvi');
    await page.keyboard.press('Enter');
    await list(page).locator('button', { hasText: 'Trang sau ▶️' }).focus();
    const messages = await page.locator('li.msg').count();
    for (let n = 2; n <= 7; n++) {
      await page.keyboard.press('Enter');
      await expect.poll(() => pageLine(page)).toBe(`Trang ${n}/7`);
      expect(await page.locator(':focus').textContent()).toBe(n < 7 ? 'Trang sau ▶️' : '◀️ Trang trước');
    }
    expect(await page.locator('li.msg').count()).toBe(messages);
    await page.keyboard.press('Enter');
    await expect.poll(() => pageLine(page)).toBe('Trang 6/7');
  });
});
