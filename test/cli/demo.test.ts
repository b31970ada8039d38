import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/cli/demo.js';
import { latestFigures } from '../../src/db/repositories/figures.js';
import { setSetting } from '../../src/db/repositories/settings.js';
import { getUnitByCode } from '../../src/db/repositories/units.js';
import { conferenceReports, documents, invites, unitFigures, units } from '../../src/db/schema.js';
import { cliHarness } from '../helpers/cli-context.js';

const OLD_CHO_MOI = [
  'XA_DONGTAM',
  'XA_TANSON',
  'XA_THANHVAN',
  'XA_MAILAP',
  'XA_HOAMUC',
  'XA_THANHMAI',
  'XA_CAOKY',
  'XA_NONGHA',
  'XA_YENCU',
  'XA_THANHTHINH',
  'XA_YENHAN',
  'XA_NHUCO',
  'XA_BINHVAN',
  'XA_QUANGCHU',
];

describe('demo', () => {
  it('loads the Chợ Mới sample and two invites; a second run adds nothing', async () => {
    const h = cliHarness({ now: new Date('2025-09-01T02:00:00Z') });
    setSetting(h.db, 'bot_username', 'hoctap_bot');
    expect(await runDemo(h.ctx)).toBe(0);
    expect(await runDemo(h.ctx)).toBe(0);

    expect(h.db.select().from(units).all()).toHaveLength(28);
    // 48 dated rows from figures.csv, and the 14 the facilities reports of 2017–2018 added.
    expect(h.db.select().from(unitFigures).all()).toHaveLength(62);
    expect(h.db.select().from(documents).all()).toHaveLength(15);
    expect(h.db.select().from(conferenceReports).all()).toHaveLength(486);
    expect(
      h.db
        .select()
        .from(invites)
        .all()
        .map((i) => i.role)
        .sort(),
    ).toEqual(['bi_thu', 'lanh_dao']);

    const out = h.out();
    expect(out).toContain('Đã nhập units.csv: 28 đơn vị; thêm mới 28, cập nhật 0, không đổi 0.');
    expect(out).toContain('Đã nhập units.csv: 28 đơn vị; thêm mới 0, cập nhật 0, không đổi 28.');
    expect(out).toContain('Đã nhập hoi_nghi.csv: 486 hội nghị; thêm mới 486, cập nhật 0, không đổi 0.');
    expect(out).toContain('Đã nhập hoi_nghi.csv: 486 hội nghị; thêm mới 0, cập nhật 0, không đổi 486.');
    expect(out).toContain(
      'Đã nhập ke_hoach_hanh_dong.csv: 168 kế hoạch hành động; thêm mới 0, cập nhật 0, không đổi 168.',
    );
    expect(out).toContain('Đã tạo lời mời: bí thư của Đảng ủy xã Tân Kỳ.');
    expect(out).toContain('Lời mời đã tạo trước đây, chưa ai dùng: lãnh đạo của Tỉnh ủy Thái Nguyên.');
    expect(out.match(/Link: https:\/\/t\.me\/hoctap_bot\?start=[A-Z0-9]{10}/g)).toHaveLength(4);
    expect(out).toContain('Gửi /baocao');
  });

  it('models the 1/7/2025 merger: old communes close and point to their new commune', async () => {
    const h = cliHarness();
    await runDemo(h.ctx);
    const tanKy = getUnitByCode(h.db, 'XA_TANKY_2025');
    const province = getUnitByCode(h.db, 'TU_THAINGUYEN_2025');
    expect(tanKy).toMatchObject({
      name: 'Đảng ủy xã Tân Kỳ',
      kind: 'xa',
      validFrom: '2025-07-01',
      validTo: null,
    });
    expect(tanKy?.parentId).toBe(province?.id);
    const old = OLD_CHO_MOI.map((c) => getUnitByCode(h.db, c));
    expect(
      old.every((u) => u?.kind === 'xa' && u.validFrom === '2017-01-01' && u.validTo === '2025-06-30'),
    ).toBe(true);
    const intoTanKy = old.filter((u) => u?.successorId === tanKy?.id).map((u) => u?.code);
    expect(intoTanKy).toEqual(['XA_TANSON', 'XA_HOAMUC', 'XA_CAOKY']);
    expect(getUnitByCode(h.db, 'TU_BACKAN')?.successorId).toBe(province?.id);

    // A new commune's members are the sum of its predecessors' latest figures.
    const sum = ['XA_TANSON', 'XA_HOAMUC', 'XA_CAOKY']
      .map((c) => latestFigures(h.db, getUnitByCode(h.db, c)?.id ?? 0, '2025-06-30')?.partyMembers ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(latestFigures(h.db, tanKy?.id ?? 0, '2025-12-31')?.partyMembers).toBe(sum);
    for (const u of old) {
      const f = latestFigures(h.db, u?.id ?? 0, '2022-12-31');
      expect(f?.partyMembers).toBeGreaterThanOrEqual(150);
      expect(f?.partyMembers).toBeLessThanOrEqual(400);
    }
  });
});
