import { describe, expect, it } from 'vitest';
import {
  conferenceReportForm,
  fromConferenceReport,
  toConferenceReport,
} from '../../src/forms/conference-report.js';
import { conferenceCtx, FormDriver, THANH_MAI } from './harness.js';

const start = (ctx = conferenceCtx()) => new FormDriver(conferenceReportForm, ctx);

/** Walks to the question about eligible members with an online conference. */
function toEligible(f: ReturnType<typeof start>) {
  f.type('22/9/2026');
  f.type('35, 57');
  f.press('Kết hợp trực tiếp và trực tuyến');
  f.type('3');
}

describe('the study conference form', () => {
  it('skips the unit question for a one-unit secretary and walks every question to a summary', () => {
    const f = start();
    expect(f.last.text).toContain('Hội nghị được tổ chức ngày nào?');
    f.press('Hôm qua');
    expect(f.last.text).toContain('văn bản nào?');
    f.press(/35-NQ\/TW/);
    expect(f.last.text).toContain('Đã chọn: 35-NQ/TW ngày 22/10/2018');
    expect(f.last.replace).toBe(true);
    f.press('✔️ Xong');
    expect(f.last.text).toContain('Hình thức tổ chức?');
    f.press('Trực tiếp');
    expect(f.last.text).toContain('Số đảng viên phải học tập');
    expect(f.labels()).toContain('Dùng số hiện có: 126');
    f.press('Dùng số hiện có: 126');
    f.type('120');
    f.type('1.250');
    f.press('Có');
    f.type('không');
    f.press('⏭ Bỏ qua');
    expect(f.state.step).toBe('confirm');
    expect(f.last.text).toContain('• Đơn vị: Đảng ủy xã Thanh Mai');
    expect(f.last.text).toContain('• Ngày tổ chức: 27/11/2026');
    expect(f.last.text).toContain('• Lượt quần chúng: 1.250');
    expect(f.last.text).not.toContain('điểm cầu');
    const r = f.press('✅ Xác nhận');
    expect(r.kind).toBe('submit');
    if (r.kind !== 'submit') return;
    expect(toConferenceReport(r.values)).toEqual({
      unitId: 7,
      heldOn: '2026-11-27',
      documentIds: [1],
      form: 'truc_tiep',
      bridgePoints: 0,
      eligible: 126,
      present: 120,
      nonMemberAttendances: 1250,
      makeUp: true,
      reporterPresent: false,
      note: null,
    });
  });

  it('asks which unit when the user reports for several', () => {
    const f = start(
      conferenceCtx({
        units: [
          { id: 7, name: 'Đảng ủy xã Thanh Mai', validFrom: '2025-07-01', validTo: null },
          { id: 8, name: 'Chi bộ thôn Nà Ngần', validFrom: '2025-07-01', validTo: null },
        ],
      }),
    );
    expect(f.last.text).toContain('Báo cáo cho đơn vị nào?');
    f.press('Chi bộ thôn Nà Ngần');
    expect(f.state.values.unit).toBe('8');
  });

  it.each([
    ['abc', '"abc" không phải là một số.'],
    ['-5', 'Số không được âm.'],
    ['12,5', 'Cần một số nguyên'],
    ['😀', 'không phải là một số'],
    ['x'.repeat(5000), 'Nội dung quá dài'],
  ])('refuses %j for a count with a reason, and asks again', (input, reason) => {
    const f = start();
    toEligible(f);
    f.type(input);
    expect(f.last.text).toContain(reason);
    expect(f.last.text).toContain('Số đảng viên phải học tập');
    expect(f.state.step).toBe('eligible');
    expect(f.state.values.eligible).toBeUndefined();
  });

  it.each([
    ['31/02/2026', 'Ngày 31/02/2026 không có thật.'],
    ['15/3/1999', 'chỉ nhận ngày từ năm 2000'],
    ['1/12/2026', 'tương lai'],
    ['ngày mai', 'không phải là ngày'],
    ['1/1/2020', 'nằm ngoài thời gian hoạt động của Đảng ủy xã Thanh Mai'],
  ])('refuses the date %j with a reason', (input, reason) => {
    const f = start();
    f.type(input);
    expect(f.last.text).toContain(reason);
    expect(f.state.step).toBe('heldOn');
  });

  it('refuses more present than eligible', () => {
    const f = start();
    toEligible(f);
    f.type('126');
    f.type('130');
    expect(f.last.text).toContain('Số có mặt (130) không thể lớn hơn số đảng viên phải học tập (126).');
    expect(f.state.step).toBe('present');
  });

  it('refuses more to study than the unit’s members who are not exempt, naming the figures', () => {
    // A commune of 200 members, 10 of them exempt, from 01/07/2025.
    const commune = { ...THANH_MAI, partyMembers: 200, exemptMembers: 10 };
    const f = start(conferenceCtx({ figuresOn: (_u, day) => (day >= commune.asOf ? commune : null) }));
    toEligible(f);
    expect(f.labels()).toContain('Dùng số hiện có: 190');
    f.type('250');
    expect(f.last.text).toContain(
      'Số đảng viên phải học tập (250) không thể lớn hơn số đảng viên không miễn sinh hoạt của đơn vị ' +
        '(190 = 200 − 10, số liệu ngày 01/07/2025).',
    );
    expect(f.last.text).toContain('👥 Số đảng viên phải học tập');
    expect(f.state.step).toBe('eligible');
    expect(f.state.values.eligible).toBeUndefined();
    f.type('190');
    expect(f.state.step).toBe('present');
  });

  it('accepts any eligible count for a unit without figures on the conference date', () => {
    const f = start(conferenceCtx({ figuresOn: () => null }));
    toEligible(f);
    expect(f.labels().some((l) => l.startsWith('Dùng số hiện có'))).toBe(false);
    f.type('250');
    expect(f.state.step).toBe('present');
  });

  it('checks a saved report being corrected against the figures of its (new) date', () => {
    // 126 must study until 30/09/2026; from 01/10/2026, 106 (110 − 4).
    const later = { ...THANH_MAI, asOf: '2026-10-01', partyMembers: 110 };
    const ctx = conferenceCtx({
      figuresOn: (_u, day) => (day >= later.asOf ? later : day >= THANH_MAI.asOf ? THANH_MAI : null),
    });
    const saved = {
      unitId: 7,
      heldOn: '2026-09-15',
      documentIds: [1],
      form: 'truc_tiep' as const,
      bridgePoints: 0,
      eligible: 120,
      present: 100,
      nonMemberAttendances: 0,
      makeUp: false,
      reporterPresent: true,
      note: null,
    };
    const f = new FormDriver(conferenceReportForm, ctx, { values: fromConferenceReport(saved) });
    expect(f.state.step).toBe('confirm');
    f.press('✏️ Sửa một mục');
    f.press('Ngày tổ chức');
    f.type('20/11/2026');
    expect(f.state.step).toBe('eligible');
    expect(f.last.text).toContain('(106 = 110 − 4, số liệu ngày 01/10/2026)');
    f.type('106');
    expect(f.state.step).toBe('confirm');
    // A report saved before the check (or before lower figures came in) is asked again when opened.
    const old = new FormDriver(conferenceReportForm, ctx, {
      values: fromConferenceReport({ ...saved, eligible: 250 }),
    });
    expect(old.state.step).toBe('eligible');
    expect(old.last.text).toContain(
      'Số đảng viên phải học tập (250) không thể lớn hơn số đảng viên không miễn sinh hoạt của đơn vị ' +
        '(126 = 130 − 4, số liệu ngày 01/07/2025).',
    );
  });

  it('asks for bridge points only for an online conference, and at least one', () => {
    const f = start();
    f.type('hôm nay');
    f.type('35');
    f.press('Trực tuyến');
    expect(f.last.text).toContain('điểm cầu');
    f.type('0');
    expect(f.last.text).toContain('Số phải từ 1 trở lên.');
  });

  it('finds documents by typed number, refuses unknown and ambiguous ones', () => {
    const f = start();
    f.type('hôm nay');
    f.type('99');
    expect(f.last.text).toContain('Không tìm thấy văn bản "99"');
    f.type('5');
    expect(f.last.text).toContain('Có 2 văn bản số 5');
    f.type('05-NQ/TU');
    expect(f.state.values.documents).toEqual(['4']);
  });

  it('refuses an empty multi-choice', () => {
    const f = start();
    f.type('hôm nay');
    f.press('✔️ Xong');
    expect(f.last.text).toContain('Cần chọn ít nhất một văn bản.');
  });

  it('re-asks on a photo or sticker', () => {
    const f = start();
    f.other();
    expect(f.last.text).toContain('Bot chỉ nhận chữ hoặc nút bấm');
    expect(f.state.step).toBe('heldOn');
  });

  it('goes back one step, un-answering the question it leaves', () => {
    const f = start();
    f.type('hôm nay');
    f.type('35');
    f.press('◀️ Quay lại');
    expect(f.state.step).toBe('documents');
    f.press('◀️ Quay lại');
    expect(f.state.step).toBe('heldOn');
    expect(f.state.values.documents).toBeUndefined();
    f.type('hôm qua');
    expect(f.state.step).toBe('documents');
  });

  it('cancels', () => {
    const f = start();
    f.type('hôm nay');
    expect(f.press('❌ Hủy')).toEqual({
      kind: 'cancelled',
      messages: [{ text: 'Đã hủy. Không có gì được lưu.', buttons: [] }],
    });
  });

  it('corrects one field from the summary; a change that breaks another field asks that one again', () => {
    const saved = {
      unitId: 7,
      heldOn: '2026-11-20',
      documentIds: [1],
      form: 'truc_tiep' as const,
      bridgePoints: 0,
      eligible: 126,
      present: 120,
      nonMemberAttendances: 0,
      makeUp: false,
      reporterPresent: true,
      note: null,
    };
    const f = new FormDriver(conferenceReportForm, conferenceCtx(), { values: fromConferenceReport(saved) });
    expect(f.state.step).toBe('confirm');
    f.press('✏️ Sửa một mục');
    f.press('Đảng viên phải học tập');
    expect(f.last.text).toContain('(Hiện tại: 126)');
    f.type('100');
    expect(f.state.step).toBe('present');
    expect(f.last.text).toContain('Số có mặt (120) không thể lớn hơn số đảng viên phải học tập (100).');
    f.type('99');
    expect(f.state.step).toBe('confirm');
    f.press('✏️ Sửa một mục');
    f.press('Hình thức');
    f.press('Trực tuyến');
    expect(f.state.step).toBe('bridgePoints');
  });

  it('refuses a button of another form, and text at the summary', () => {
    const f = start();
    expect(f.press('Hôm nay', 'old-token').kind).toBe('stale');
    const f2 = new FormDriver(conferenceReportForm, conferenceCtx(), {
      values: fromConferenceReport({
        unitId: 7,
        heldOn: '2026-11-20',
        documentIds: [1],
        form: 'truc_tiep',
        bridgePoints: 0,
        eligible: 10,
        present: 9,
        nonMemberAttendances: 0,
        makeUp: false,
        reporterPresent: true,
        note: 'x',
      }),
    });
    f2.type('xác nhận');
    expect(f2.last.text).toContain('Hãy bấm một nút bên dưới');
    expect(f2.state.step).toBe('confirm');
  });
});
