import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { createConferenceReport } from '../../src/db/repositories/conference-reports.js';
import { upsertDocuments } from '../../src/db/repositories/documents.js';
import { upsertUnits } from '../../src/db/repositories/units.js';
import { Conversation } from '../helpers/conversation.js';
import { expectFits } from '../helpers/fits.js';
import { TEST_INSTANT, testClock, testToday } from '../helpers/instant.js';
import { committeeWithBot } from '../helpers/scenarios.js';
import { groupChat } from '../helpers/updates.js';

/*
 * The lists and notices that are not paged, at their worst (docs/architecture.md, "Messages that fit"): /danhsach's
 * ten reports when each names 60 documents and the unit's name is as long as an import allows, the group notice of
 * such a report, and the answers that quote what someone typed, when that is a whole message long.
 */

const { api, world, people } = committeeWithBot(9500);
const LONG_NAME =
  `Đảng ủy xã Thanh Mai ${'(Khu vực miền núi, vùng đồng bào dân tộc thiểu số) '.repeat(4)}`.trim();
const now = testClock();
// Filed an hour before the bot's clock starts: Lan (9501) may still change them.
const filed = new Date(TEST_INSTANT.getTime() - 3_600_000);
const thanhMai = { code: 'XA_THANHMAI', name: LONG_NAME, kind: 'xa', parentCode: 'TU_TN' } as const;
upsertUnits(
  world.db,
  [{ ...thanhMai, validFrom: '2025-07-01', validTo: null, successorCode: null }],
  CLI_ACTOR,
  now,
);
const numbers = Array.from({ length: 60 }, (_, i) => 101 + i);
upsertDocuments(
  world.db,
  numbers.map((n) => ({
    code: `${n}-NQ/TU`,
    issuedOn: '2025-08-01',
    number: n,
    type: 'NQ',
    issuer: 'Tỉnh ủy',
    summary: `Số ${n}`,
  })),
  CLI_ACTOR,
  now,
);
const docIds = world.db.$client
  .prepare("select id from documents where issuer = 'Tỉnh ủy'")
  .pluck()
  .all() as number[];
const report = {
  heldOn: testToday,
  form: 'truc_tiep',
  bridgePoints: 0,
  eligible: 126,
  present: 120,
} as const;
const entry = {
  ...report,
  nonMemberAttendances: 3,
  makeUp: false,
  reporterPresent: true,
  note: 'x'.repeat(1000),
};
for (let i = 0; i < 12; i++)
  createConferenceReport(
    world.db,
    { ...entry, unitId: world.unitId('XA_THANHMAI'), documentIds: docIds },
    { id: 9501, label: 'lan' },
    filed,
  );

let lan: Conversation;
beforeAll(() => {
  lan = people.secretary;
});

describe('lists and notices at their worst', () => {
  it('/danhsach: ten reports of sixty documents each, one message, the documents cut with "…"', async () => {
    const [text = ''] = await lan.say('/danhsach');
    expectFits(lan.last());
    const lines = text.split('\n').filter((l) => l.startsWith('• Số '));
    expect(lines).toHaveLength(10);
    for (const l of lines) expect(l).toMatch(/101-NQ\/TU, 102-NQ\/TU, .*… · 95,2% \(120\/126\)$/);
    expect(lan.buttonLabels()).toHaveLength(20);
  });

  it('the group notice of such a report fits, its documents cut', async () => {
    const group = new Conversation(api, lan.from, groupChat(-100_955, 'Chi ủy xã Thanh Mai'));
    await group.say('/lienket');
    await lan.say('/baocao');
    await lan.press('Hội nghị học tập, quán triệt');
    await lan.press('Hôm nay');
    await lan.say(numbers.join(', '));
    await lan.press('Trực tiếp');
    await lan.press('Dùng số hiện có: 126');
    await lan.say('120');
    await lan.say('0');
    await lan.press('Không');
    await lan.press('Có');
    await lan.press('⏭ Bỏ qua');
    await lan.press('✅ Xác nhận');
    const notice = group.last();
    expectFits(notice);
    expect(notice.text).toMatch(
      /^📋 Đảng ủy xã Thanh Mai .*101-NQ\/TU, .*…\): 95,2% \(120\/126\) đảng viên tham dự\.$/,
    );
  });

  it('quotes at most a short piece of what was typed, however long', async () => {
    const long = `XA_${'THANHMAI'.repeat(500)}`;
    for (const command of [
      'tiendo',
      'xuat',
      'tongket',
      'donvi',
      'nhatky',
      'hanchot dat kiemtra',
      'dean muctieu',
    ]) {
      const [answer = ''] = await lan.say(`/${command} ${long}`);
      expectFits(lan.last());
      expect(answer.length, command).toBeLessThan(600);
    }
    await lan.say('/baocao');
    await lan.press('Hội nghị học tập, quán triệt');
    await lan.press('Hôm nay');
    const [refused = ''] = await lan.say('Z'.repeat(4000));
    expect(refused).toMatch(/^⚠️ Không tìm thấy văn bản "Z{20}…" trong danh mục\./);
    await lan.say('/huy');
  });
});
