import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { importHolidays, setDocumentDeadline } from '../../src/db/repositories/deadline-settings.js';
import { redeemInvite } from '../../src/db/repositories/invites.js';
import { inspectionProgrammes } from '../../src/db/schema.js';
import { type Outgoing, runSweep } from '../../src/scheduler/jobs/reminder-sweep.js';
import { testDb } from '../helpers/test-db.js';
import { seed } from '../helpers/world.js';

/*
 * The sweep with a fixed clock. Thanh Mai's inspection programmes (cấp ủy, UBKT) and personal plans are
 * due 31/01/2026, a Saturday; Lan is its secretary, Sơn a leader of the province above it.
 */

const LAN = 11;
const SON = 22;
/** 08:00 in Hà Nội on that day. */
const at = (day: string) => new Date(`${day}T01:00:00Z`);

function setup() {
  const w = seed(testDb(), at('2025-12-01'));
  redeemInvite(w.db, w.invite('XA_THANHMAI', 'bi_thu'), { id: LAN, firstName: 'Lan' }, at('2025-12-01'));
  redeemInvite(w.db, w.invite('TU_TN', 'lanh_dao'), { id: SON, firstName: 'Sơn' }, at('2025-12-01'));
  const sent: { chatId: number; message: Outgoing }[] = [];
  let answer: 'sent' | 'failed' | 'blocked' = 'sent';
  const deps = {
    db: w.db,
    logger: pino({ level: 'silent' }),
    timeZone: 'Asia/Ho_Chi_Minh',
    send: async (chatId: number, message: Outgoing) => {
      sent.push({ chatId, message });
      return answer;
    },
    formButton: (item: { kind: string; unitId: number }, title: string) => ({
      label: title,
      data: `k:${item.kind}:${item.unitId}`,
    }),
  };
  const sweep = async (day: string) => {
    const before = sent.length;
    const report = await runSweep(deps, at(day));
    return { report, messages: sent.slice(before) };
  };
  const textsTo = (chatId: number, msgs: typeof sent) =>
    msgs.filter((m) => m.chatId === chatId).map((m) => m.message.text);
  return {
    ...w,
    sweep,
    textsTo,
    fail: (a: typeof answer) => {
      answer = a;
    },
  };
}

describe('the daily reminder sweep', () => {
  it('says nothing while more than 7 days remain', async () => {
    const t = setup();
    expect((await t.sweep('2026-01-23')).messages).toEqual([]);
  });

  it('sends one digest per chat at 7 days before, with a button per item, and never the same stage twice', async () => {
    const t = setup();
    const { messages } = await t.sweep('2026-01-26');
    const lan = messages.filter((m) => m.chatId === LAN);
    expect(lan).toHaveLength(1);
    expect(lan[0]?.message.text).toBe(
      [
        '🔔 Nhắc việc ngày 26/01/2026:',
        '',
        'Đảng ủy xã Thanh Mai:',
        '⏳ Chương trình kiểm tra, giám sát năm 2026 của cấp ủy — hạn 31/01/2026, còn 5 ngày',
        '⏳ Chương trình kiểm tra, giám sát năm 2026 của UBKT — hạn 31/01/2026, còn 5 ngày',
        '⏳ Kế hoạch hành động cá nhân năm 2026 của bí thư, người đứng đầu — hạn 31/01/2026, còn 5 ngày',
      ].join('\n'),
    );
    expect(lan[0]?.message.buttons.flat().map((b) => b.data)).toEqual([
      `k:inspection:${t.unitId('XA_THANHMAI')}`,
      `k:inspection:${t.unitId('XA_THANHMAI')}`,
      `k:personal_plans:${t.unitId('XA_THANHMAI')}`,
    ]);
    // The same day again, and the next day: the 7-days stage was sent already.
    expect((await t.sweep('2026-01-26')).messages).toEqual([]);
    expect((await t.sweep('2026-01-27')).messages).toEqual([]);
    expect(t.textsTo(LAN, (await t.sweep('2026-01-30')).messages)[0]).toContain('còn 1 ngày');
  });

  it('skips weekends and holidays, and catches a missed deadline day up once on the next office day', async () => {
    const t = setup();
    importHolidays(t.db, [{ day: '2026-02-02', name: 'Nghỉ bù (thử)' }], CLI_ACTOR, at('2026-01-01'));
    const saturday = await t.sweep('2026-01-31');
    expect(saturday.report.officeDay).toBe(false);
    expect(saturday.messages).toEqual([]);
    expect((await t.sweep('2026-02-02')).messages).toEqual([]);
    const tuesday = t.textsTo(LAN, (await t.sweep('2026-02-03')).messages);
    expect(tuesday).toHaveLength(1);
    expect(tuesday[0]).toContain(
      '⏰ Chương trình kiểm tra, giám sát năm 2026 của cấp ủy — hạn 31/01/2026, quá hạn 3 ngày',
    );
    expect((await t.sweep('2026-02-04')).messages).toEqual([]);
  });

  it('stops reminding of an item once its report is filed', async () => {
    const t = setup();
    await t.sweep('2026-01-26');
    t.db
      .insert(inspectionProgrammes)
      .values({
        unitId: t.unitId('XA_THANHMAI'),
        year: 2026,
        body: 'cap_uy',
        approvedOn: '2026-01-28',
        createdBy: LAN,
      })
      .run();
    const [text = ''] = t.textsTo(LAN, (await t.sweep('2026-01-30')).messages);
    expect(text).not.toContain('của cấp ủy');
    expect(text).toContain('của UBKT');
  });

  it('reminds weekly while overdue and tells the parent’s leaders past 7 days', async () => {
    const t = setup();
    await t.sweep('2026-02-02');
    const week = await t.sweep('2026-02-09');
    expect(t.textsTo(LAN, week.messages)[0]).toContain('quá hạn 9 ngày');
    const [toLeader = ''] = t.textsTo(SON, week.messages);
    expect(toLeader).toContain('📣 Đơn vị trực thuộc chậm quá 7 ngày:');
    expect(toLeader).toContain(
      'Đảng ủy xã Thanh Mai:\n⏰ Chương trình kiểm tra, giám sát năm 2026 của cấp ủy',
    );
    expect(toLeader).toContain('Đảng ủy xã Tân Kỳ:');
    expect((await t.sweep('2026-02-10')).messages).toEqual([]);
    expect(t.textsTo(LAN, (await t.sweep('2026-02-16')).messages)[0]).toContain('quá hạn 16 ngày');
  });

  it('tries again next sweep when a digest could not be delivered', async () => {
    const t = setup();
    t.fail('failed');
    expect((await t.sweep('2026-01-26')).report.failed).toBeGreaterThan(0);
    t.fail('sent');
    expect(t.textsTo(LAN, (await t.sweep('2026-01-27')).messages)).toHaveLength(1);
  });

  it('reminds an organisation of the action plan a document’s own deadline asks for', async () => {
    const t = setup();
    setDocumentDeadline(t.db, 2, '2026-03-31', CLI_ACTOR, at('2026-01-01'));
    const [text = ''] = t.textsTo(LAN, (await t.sweep('2026-03-30')).messages);
    expect(text).toContain(
      '⏳ Chương trình, kế hoạch hành động thực hiện 57-NQ/TW — hạn 31/03/2026, còn 1 ngày',
    );
  });
});
