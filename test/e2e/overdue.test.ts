import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConferenceReport } from '../../src/db/repositories/conference-reports.js';
import { saveInspectionProgramme } from '../../src/db/repositories/filed-reports.js';
import { redeemInvite } from '../../src/db/repositories/invites.js';
import { upsertUser } from '../../src/db/repositories/members.js';
import { setSetting } from '../../src/db/repositories/settings.js';
import { tempDbPath } from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { query, seedWorld } from '../helpers/world.js';

/*
 * Reminders that never give up (docs/domain.md, "Deadlines and reminders"), through the real CLI (`remind --at`)
 * against the fake Bot API: an overdue item stays until it is filed, waived by an administrator, or its unit
 * closes — not when the year turns, not after a year. Thanh Mai (from 01/07/2025) studied 57-NQ/TW on
 * 05/08/2025, so its action plan was due on 04/09/2025; its secretary is Lan.
 */

const api = new FakeBotApi();
const dbPath = tempDbPath();
const world = seedWorld(dbPath, new Date('2025-08-01T01:00:00Z'));
const LAN = 11;
const thanhMai = world.unitId('XA_THANHMAI');
let apiRoot: string;

const cli = (...args: string[]) => runCli(args, { apiRoot, databasePath: dbPath });
/** The digest Lan received from the sweep at `at` (08:00 that day). */
async function digestOn(day: string): Promise<string> {
  const before = api.callsOf('sendMessage').length;
  const r = await cli('remind', '--at', `${day}T08:00:00+07:00`);
  expect(r.stderr).toBe('');
  const sent = api.callsOf('sendMessage').slice(before);
  return sent.map((c) => String(c.payload.text)).join('\n---\n');
}

beforeAll(async () => {
  apiRoot = await api.start();
  const joined = new Date('2025-08-01T01:00:00Z');
  redeemInvite(world.db, world.invite('XA_THANHMAI', 'bi_thu'), { id: LAN, firstName: 'Lan' }, joined);
  setSetting(world.db, 'bot_username', 'test_bot');
  upsertUser(world.db, { id: 4242, firstName: 'Nhập liệu' });
  const report = {
    unitId: thanhMai,
    heldOn: '2025-08-05',
    documentIds: [2],
    form: 'truc_tiep' as const,
    bridgePoints: 0,
    eligible: 126,
    present: 120,
    nonMemberAttendances: 0,
    makeUp: false,
    reporterPresent: true,
    note: '',
  };
  createConferenceReport(world.db, report, { id: 4242, label: 'nhap-lieu' }, joined);
  world.close();
  expect((await cli('deadline', 'tunam', '2025')).stdout).toContain('nhắc các việc hằng năm từ năm 2025');
});

afterAll(async () => {
  await api.stop();
});

describe('an overdue item stays until it is filed, waived or its unit closes', () => {
  it('still reminds of an action plan overdue since 04/09/2025 on 09/03/2026 and on 02/12/2026', async () => {
    for (const day of ['2026-03-09', '2026-12-02']) {
      const text = await digestOn(day);
      expect(text, day).toContain(
        'Chương trình, kế hoạch hành động thực hiện 57-NQ/TW — hạn 04/09/2025, quá hạn',
      );
    }
  });

  it('lists every 2026 item still unfiled on 04/01/2027, and 2025’s reporter training', async () => {
    const db = (await import('../../src/db/client.js')).openDatabase(dbPath);
    saveInspectionProgramme(
      db,
      { unitId: thanhMai, year: 2026, body: 'cap_uy', approvedOn: '2026-01-20' },
      { id: LAN, label: 'Lan' },
      new Date('2026-01-20T03:00:00Z'),
    );
    db.$client.close();
    const text = await digestOn('2027-01-04');
    expect(text).toContain(
      '⏰ Chương trình kiểm tra, giám sát năm 2026 của UBKT — hạn 31/01/2026, quá hạn 338 ngày',
    );
    expect(text).toContain(
      '⏰ Kế hoạch hành động cá nhân năm 2026 của bí thư, người đứng đầu — hạn 31/01/2026',
    );
    expect(text).toContain('⏰ Tập huấn báo cáo viên năm 2026 — hạn 30/09/2026');
    expect(text).toContain('⏰ Tập huấn báo cáo viên năm 2025 — hạn 30/09/2025');
    expect(text).toContain('57-NQ/TW — hạn 04/09/2025');
    // Filed: not asked for. Not owed: Thanh Mai did not exist on 31/01/2025.
    expect(text).not.toContain('năm 2026 của cấp ủy');
    expect(text).not.toContain('năm 2025 của');
  });

  it('an administrator waives one (audited); it is reminded no more', async () => {
    const r = await cli(
      'deadline',
      'mien',
      'XA_THANHMAI',
      'taphuan',
      '2025',
      'đã',
      'tập',
      'huấn',
      'chung',
      'với',
      'huyện',
    );
    expect(r.stdout).toContain('Đã miễn tập huấn báo cáo viên năm 2025 của Đảng ủy xã Thanh Mai');
    const text = await digestOn('2027-01-11');
    expect(text).toContain('Tập huấn báo cáo viên năm 2026');
    expect(text).not.toContain('Tập huấn báo cáo viên năm 2025');
    const audit = query<{ after: string }>(dbPath, "select after from audit_log where entity = 'due_waiver'");
    expect(audit.map((a) => JSON.parse(a.after))).toEqual([{ reason: 'đã tập huấn chung với huyện' }]);
  });
});
