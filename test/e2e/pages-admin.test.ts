import { beforeAll, describe, expect, it } from 'vitest';
import { childrenValidIn } from '../../src/db/repositories/units.js';
import { Conversation } from '../helpers/conversation.js';
import { longest, readAllPages } from '../helpers/fits.js';
import { testToday } from '../helpers/instant.js';
import { chiBoCount, crowdUnit, seedReformProvince, wardCode } from '../helpers/reform-province.js';
import { committeeWithBot } from '../helpers/scenarios.js';
import { privateChat, user } from '../helpers/updates.js';

/*
 * /donvi and /nhatky at the size of a province after the 2025 reform (docs/architecture.md, "Messages that fit"):
 * the province's 126 communes, a commune's 25 chi bộ, and one commune with 45 members, 45 open invites and 45
 * linked groups, each list a page at a time in one message, a line and a button an item.
 */

const ADMIN = user(9399, 'Quản');
const { api, world } = committeeWithBot(9300, { ADMIN_IDS: String(ADMIN.id) });
seedReformProvince(world.db, 'TU_TN', 2);
const CROWDED = wardCode(15);
const crowded = world.unitId(CROWDED);
const PEOPLE = 45;
crowdUnit(world.db, crowded, PEOPLE, 93_000);
const province = world.unitId('TU_TN');

let admin: Conversation;
const sizes: string[] = [];
beforeAll(() => {
  admin = new Conversation(api, ADMIN, privateChat(ADMIN));
});

/** Opens a list with `open()`, reads all its pages; each item's `mark` must be on exactly one page. */
async function everyItemOnce(open: () => Promise<unknown>, marks: string[], what: string) {
  await open();
  const { texts, labels } = await readAllPages(admin, admin.last());
  const all = texts.join('\n');
  for (const mark of marks) expect(all.split(mark).length - 1, mark).toBe(1);
  sizes.push(
    `${what}: ${marks.length} → ${texts.length} pages, longest ${longest(texts)} chars, ` +
      `at most ${Math.max(...labels.map((l) => l.length))} buttons`,
  );
  return { texts, labels };
}

describe('/donvi at province size', () => {
  it('pages the province’s 126 communes: a line and a button each, the unit’s actions on every page', async () => {
    const children = childrenValidIn(world.db, province, testToday, '9999-12-31');
    expect(children.length).toBe(126);
    const { labels } = await everyItemOnce(
      () => admin.say('/donvi TU_TN'),
      children.map((c) => `• ${c.name} (${c.code})`),
      '/donvi province',
    );
    const buttons = labels.flat().filter((l) => l.startsWith('↘️ '));
    expect(buttons.sort()).toEqual(children.map((c) => `↘️ ${c.name}`).sort());
    for (const row of labels)
      expect(row).toEqual(expect.arrayContaining(['✉️ Mời', '👥 Thành viên', '📜 Nhật ký']));
  });

  it('pages a commune’s 25 chi bộ, and a child’s button opens it in a new message', async () => {
    expect(chiBoCount(15)).toBe(25);
    const chiBo = childrenValidIn(world.db, crowded, testToday, '9999-12-31');
    await everyItemOnce(
      () => admin.say(`/donvi ${CROWDED}`),
      chiBo.map((c) => `(${c.code})\n`),
      '/donvi commune',
    );
    const before = admin.all().length;
    const [shown = ''] = await admin.press(`↘️ ${chiBo.at(-1)?.name}`);
    expect(admin.all().length).toBe(before + 1);
    expect(shown).toContain(`(${chiBo.at(-1)?.code}) — Chi bộ`);
  });

  it('pages the members, each with the button that revokes them', async () => {
    const names = Array.from({ length: PEOPLE }, (_, i) => `Thảo ${i + 1}:`);
    const { labels } = await everyItemOnce(
      async () => {
        await admin.say(`/donvi ${CROWDED}`);
        await admin.press('👥 Thành viên');
      },
      names,
      'members',
    );
    expect(labels.flat().filter((l) => l.startsWith('🚫 '))).toHaveLength(PEOPLE);
  });

  it('pages the open invites under "✉️ Mời", the roles’ buttons on every page', async () => {
    const { texts, labels } = await everyItemOnce(
      async () => {
        await admin.say(`/donvi ${CROWDED}`);
        await admin.press('✉️ Mời');
      },
      [],
      'invites',
    );
    expect(labels.flat().filter((l) => l.startsWith('🚫 Hủy link'))).toHaveLength(PEOPLE);
    expect(texts.join('\n').match(/^• .*, hết hạn ngày /gm)).toHaveLength(PEOPLE);
    for (const row of labels)
      expect(row.slice(0, 3)).toEqual(['bí thư (người báo cáo)', 'lãnh đạo', 'quản trị']);
  });

  it('pages the linked groups', async () => {
    const titles = Array.from({ length: PEOPLE }, (_, i) => `tổ dân phố số ${i + 1} —`);
    await everyItemOnce(
      async () => {
        await admin.say(`/donvi ${CROWDED}`);
        await admin.press('🔗 Nhóm');
      },
      titles,
      'groups',
    );
  });
});

describe('/nhatky at province size', () => {
  it('pages the audit trail, newest first, every entry on one page', async () => {
    const entries = world.db.$client.prepare('select count(*) from audit_log where unit_id = ?').pluck();
    const n = entries.get(crowded) as number;
    const { texts } = await everyItemOnce(() => admin.say(`/nhatky ${CROWDED}`), [], '/nhatky');
    expect(texts.join('\n').match(/^• /gm)).toHaveLength(n);
    expect(texts[0]).toMatch(/^• .* liên kết nhóm #-?\d+$/m);
    expect(texts.at(-1)).toMatch(/tạo đơn vị #\d+\n\nTrang/);
    if (process.env.SHOW_SIZES) console.log(sizes.join('\n'));
  });
});
