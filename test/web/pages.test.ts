import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenValidIn, getUnitByCode } from '../../src/db/repositories/units.js';
import type { Sandbox } from '../../src/web/sandbox.js';
import { testToday } from '../helpers/instant.js';
import { seedReformProvince } from '../helpers/reform-province.js';
import { startTestSandbox } from '../helpers/sandbox.js';
import { WebClient } from '../helpers/web-client.js';

/*
 * The web page shows the bot's paged lists as Telegram does (docs/architecture.md, "Messages that fit"): one
 * message whose text and buttons change in place when a page button is pressed, every page reachable.
 */

let sb: Sandbox;
let hung: WebClient;
let communes: string[];
beforeAll(async () => {
  sb = await startTestSandbox();
  const province = getUnitByCode(sb.db, 'TU_THAINGUYEN_2025')?.id ?? 0;
  const existing = childrenValidIn(sb.db, province, testToday, '9999-12-31').length;
  seedReformProvince(sb.db, 'TU_THAINGUYEN_2025', existing);
  communes = childrenValidIn(sb.db, province, testToday, '9999-12-31').map((u) => u.name);
  hung = new WebClient(sb.server.url);
  const leader = sb.invites.find((i) => i.role === 'lanh_dao')?.code ?? '';
  expect((await hung.signIn(leader, 'Hùng')).status).toBe(200);
});
afterAll(() => sb.close());

/** Presses "Trang sau ▶️" until the last page; the texts, and how many messages the page gained meanwhile. */
async function turnAll(c: WebClient): Promise<{ texts: string[]; added: number }> {
  const before = c.snapshot.messages.length;
  const list = c.snapshot.messages.at(-1);
  const texts = [list?.text ?? ''];
  const shown = () => c.snapshot.messages.find((m) => m.id === list?.id);
  while (
    shown()
      ?.buttons.flat()
      .some((b) => b.text === 'Trang sau ▶️')
  ) {
    await c.press('Trang sau ▶️');
    texts.push(shown()?.text ?? '');
  }
  return { texts, added: c.snapshot.messages.length - before };
}

describe('paged lists on the web page', () => {
  it('/tiendo by unit: 126 communes, page by page in one message', async () => {
    await hung.say('/tiendo');
    await hung.press('🏢 Theo đơn vị');
    const { texts, added } = await turnAll(hung);
    expect(communes.length).toBe(126);
    expect(texts.length).toBeGreaterThan(1);
    expect(added).toBe(0);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(4096);
    const all = texts.join('\n');
    for (const name of communes) expect(all.split(`${name}:`).length - 1, name).toBe(1);
    const [back = ''] = await hung.press('◀️ Trang trước');
    expect(back).toMatch(new RegExp(`Trang ${texts.length - 1}/${texts.length}$`));
  });

  it('/donvi: the communes’ buttons a page at a time, each opening its commune', async () => {
    await hung.say('/donvi');
    const { texts, added } = await turnAll(hung);
    expect(added).toBe(0);
    for (const name of communes) expect(texts.join('\n')).toContain(`• ${name} (`);
    // The answer: the list as it stands, then the commune in a new message.
    const opened = await hung.press(`↘️ ${communes.at(-1)}`);
    expect(opened).toHaveLength(2);
    expect(opened[1]).toContain(`🏛 ${communes.at(-1)}`);
  });
});
