import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { childrenValidIn, upsertUnits } from '../../src/db/repositories/units.js';
import { Conversation } from '../helpers/conversation.js';
import { expectFits, longest, readAllPages } from '../helpers/fits.js';
import { testClock, testYear } from '../helpers/instant.js';
import { seedReformProvince } from '../helpers/reform-province.js';
import { committeeWithBot } from '../helpers/scenarios.js';
import { privateChat, user } from '../helpers/updates.js';

/*
 * /tiendo and /tongket at the size of a province after the 2025 reform (docs/architecture.md, "Messages that
 * fit"): 126 communes, each missing most targets. The list by unit is one message a page, worst first, turned
 * in place; the overview, the chart's caption and the summary fit one message whatever the data.
 */

const ADMIN = user(9199, 'Quản');
const { world, people } = committeeWithBot(9100, { ADMIN_IDS: String(ADMIN.id) });
seedReformProvince(world.db, 'TU_TN', 2);
// A second province: an administrator's "every tree" is then the country's, summed under one name.
const hanoi = { code: 'TU_HN', name: 'Thành ủy Hà Nội', kind: 'tinh', parentCode: null } as const;
upsertUnits(
  world.db,
  [{ ...hanoi, validFrom: '2010-01-01', validTo: null, successorCode: null }],
  CLI_ACTOR,
  testClock(),
);
const province = world.unitId('TU_TN');
const y = testYear;
const names = childrenValidIn(world.db, province, `${y}-01-01`, `${y}-12-31`).map((u) => u.name);

/** Sizes measured, for the record (printed once at the end). */
const sizes: string[] = [];

let leader: Conversation;
beforeAll(() => {
  leader = people.leader;
});

describe('/tiendo at province size', () => {
  it('lists 126 communes by unit, worst first, a page at a time in one message', async () => {
    await leader.say('/tiendo');
    expectFits(leader.last());
    sizes.push(`/tiendo overview: ${leader.lastText().length} chars`);
    await leader.press('🏢 Theo đơn vị');
    const list = leader.last();
    const { texts, labels } = await readAllPages(leader, list);
    expect(names.length).toBeGreaterThanOrEqual(126);
    expect(texts.length).toBeGreaterThan(1);
    const all = texts.join('\n');
    for (const name of names) expect(all.split(`${name}:`).length - 1, name).toBe(1);
    // The province's own level (its committees' programmes) is a row too, so the rows add up; in 2025 it has none:
    // made on 01/07/2025, it owed no programme for 31/01/2025 (docs/domain.md, "Rules that keep the figures fair").
    const ownLevel = testYear > 2025;
    expect(all.includes('(riêng cấp này):')).toBe(ownLevel);
    // Ranked across pages: 1, 2, … N, and the worst (most targets missed) first.
    const ranks = [...all.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
    expect(ranks).toEqual([...names, ...(ownLevel ? ['own level'] : [])].map((_, i) => i + 1));
    for (const row of labels)
      expect(row).toEqual(expect.arrayContaining(['📅 Năm nay', '📊 Tổng hợp', '📈 Biểu đồ']));
    sizes.push(
      `/tiendo by unit: ${names.length} units → ${texts.length} pages, longest ${longest(texts)} chars`,
    );
    // Back a page: the same message, edited.
    await leader.press('◀️ Trang trước', list);
    expect(list.text).toMatch(new RegExp(`Trang ${texts.length - 1}/${texts.length}$`));
  });

  it('reads an older button (no page in its data) as the first page, in a new message', async () => {
    const before = leader.all().length;
    const [first = ''] = await leader.pressData(`t:u:${province}:${y}:${y}`);
    expect(leader.all().length).toBe(before + 1);
    expect(first).toMatch(/Trang 1\/\d+$/);
    expectFits(leader.last());
  });

  it('captions the chart within Telegram’s limit', async () => {
    await leader.say('/tiendo');
    await leader.press('📈 Biểu đồ');
    expectFits(leader.last());
  });
});

describe('/tongket at province size and for every tree over a whole programme', () => {
  it('is one message (and the Word document) for the province this year', async () => {
    const replies = await leader.say('/tongket');
    expect(replies).toHaveLength(2);
    for (const m of leader.all().slice(-2)) expectFits(m);
    sizes.push(`/tongket province ${y}: ${replies[0]?.length} chars`);
  });

  it('is one message for an administrator’s every tree over 2017–2022', async () => {
    const admin = new Conversation(leader.api, ADMIN, privateChat(ADMIN));
    const replies = await admin.say('/tongket 2017-2022');
    expect(replies[0]).toContain('Toàn bộ các đảng bộ');
    expect(replies).toHaveLength(2);
    for (const m of admin.all()) expectFits(m);
    sizes.push(`/tongket every tree 2017–2022: ${replies[0]?.length} chars`);
    if (process.env.SHOW_SIZES) console.log(sizes.join('\n'));
  });
});
