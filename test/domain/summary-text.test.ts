import { describe, expect, it } from 'vitest';
import { evaluate, type RawIndicators } from '../../src/domain/indicators.js';
import {
  dateLine,
  letterhead,
  parseSignerPosition,
  partyBodyOf,
  placeOf,
  wholeOf,
} from '../../src/domain/letterhead.js';
import type { CounterFigures } from '../../src/domain/progress-format.js';
import {
  goalsParagraph,
  roughly,
  type SummaryFacts,
  summaryMessage,
  summaryText,
  verdict,
  yearsOf,
} from '../../src/domain/summary-text.js';
import { DE_AN_07_TARGETS, sampleRaw } from '../helpers/indicator-fixtures.js';

const TARGETS = DE_AN_07_TARGETS;

/** Chợ Mới's five years, as the article tells them (indicator figures made up to match its targets). */
const CHO_MOI: RawIndicators = sampleRaw();

const COUNTERS: CounterFigures = {
  conferences: 486,
  membersPresent: 31_200,
  nonMemberAttendances: 8_014,
  communes: 14,
  communesWithLoudspeaker: 14,
  bridgePoints: { huyen: 2, xa: 14 },
  collectives: 4,
  individuals: 7,
};

const facts = (over: Partial<SummaryFacts> = {}): SummaryFacts => ({
  programmeCode: '07-ĐA/TU',
  programmeStart: 2017,
  subject: 'toàn huyện',
  span: { from: 2017, to: 2022 },
  results: evaluate(CHO_MOI, TARGETS),
  counters: COUNTERS,
  ...over,
});

describe('the summary in words', () => {
  it.each([
    [486, '486'],
    [1_000, '1.000'],
    [1_250, 'hơn 1.200'],
    [39_214, 'hơn 39.000'],
    [39_000, '39.000'],
  ])('rounds %i people as the article does: %s', (n, text) => {
    expect(roughly(n)).toBe(text);
  });

  it('tells five years of a programme like the article, keeping the exact attendance', () => {
    const t = summaryText(facts());
    expect(t.title).toBe('Tổng kết thực hiện Đề án 07-ĐA/TU giai đoạn 2017–2022');
    expect(t.activities).toBe(
      'Sau 5 năm thực hiện Đề án 07-ĐA/TU (giai đoạn 2017–2022), toàn huyện đã tổ chức 486 hội nghị ' +
        'học tập, quán triệt, tuyên truyền các nghị quyết, chỉ thị của Đảng cho hơn 39.000 lượt người tham dự ' +
        '(39.214 lượt, trong đó 31.200 lượt đảng viên, 8.014 lượt quần chúng); có 14/14 xã, phường, thị trấn có ' +
        'hệ thống loa truyền thanh để tuyên truyền; có 02 điểm cầu truyền hình trực tuyến cấp huyện, ' +
        '14 điểm cầu truyền hình trực tuyến cấp xã để phục vụ hội nghị trực tuyến.',
    );
    expect(t.commendations).toBe(
      'Trong kỳ, toàn huyện đã khen thưởng 04 tập thể, 07 cá nhân tiêu biểu, điển hình vì có thành tích ' +
        'xuất sắc trong thực hiện Đề án 07-ĐA/TU.',
    );
  });

  it.each([
    [2017, 2022, 2017, 5],
    [2017, 2018, 2017, 1],
    [2018, 2022, 2017, 5],
    [2023, 2025, 2017, 3],
    [2025, 2026, null, 2],
  ])('counts %i–%i of a programme started in %s as %i years', (from, to, start, years) => {
    expect(yearsOf({ from, to }, start)).toBe(years);
  });

  it('counts the years from the programme’s start as the article does, a later span by its whole years', () => {
    expect(summaryText(facts()).activities).toMatch(
      /^Sau 5 năm thực hiện Đề án 07-ĐA\/TU \(giai đoạn 2017–2022\)/,
    );
    expect(summaryText(facts({ span: { from: 2018, to: 2022 } })).activities).toMatch(/^Sau 5 năm /);
    expect(summaryText(facts({ span: { from: 2017, to: 2017 } })).activities).toMatch(
      /^Năm 2017, thực hiện Đề án 07-ĐA\/TU, toàn huyện đã tổ chức/,
    );
  });

  it('never writes a padded zero: "không có tập thể nào"', () => {
    const t = summaryText(facts({ counters: { ...COUNTERS, collectives: 0, individuals: 3 } }));
    expect(t.commendations).toBe(
      'Trong kỳ, toàn huyện đã khen thưởng 03 cá nhân tiêu biểu, điển hình vì có thành tích xuất sắc trong ' +
        'thực hiện Đề án 07-ĐA/TU; không có tập thể nào được khen thưởng.',
    );
    expect(t.commendations).not.toContain('00');
    expect(
      summaryText(facts({ counters: { ...COUNTERS, collectives: 2, individuals: 0 } })).commendations,
    ).toContain(
      'đã khen thưởng 02 tập thể tiêu biểu, điển hình vì có thành tích xuất sắc trong thực hiện Đề án ' +
        '07-ĐA/TU; không có cá nhân nào được khen thưởng.',
    );
  });

  it.each([
    [
      0,
      '100% xã, phường, thị trấn được tổ chức học tập, quán triệt nghị quyết, chỉ thị của Đảng bằng hình thức trực tuyến (14/14; mục tiêu 100%: đạt)',
    ],
    [
      1,
      '97,55% cán bộ, đảng viên (không kể đảng viên miễn sinh hoạt) tham gia học tập nghị quyết, chỉ thị của Đảng (3.902/4.000; mục tiêu 90%: đạt)',
    ],
    [
      2,
      'đoàn viên, hội viên và Nhân dân được khảo sát biết về nghị quyết, chỉ thị và nắm được những điểm mới, cốt lõi: chưa có dữ liệu (mục tiêu 80%)',
    ],
    [
      3,
      '90% báo cáo viên được cung cấp thông tin và tập huấn, bồi dưỡng kỹ năng nghiệp vụ hằng năm (9/10; mục tiêu 100%: chưa đạt)',
    ],
    [
      5,
      '90% bí thư cấp ủy, đảng viên là người đứng đầu cơ quan, đơn vị có kế hoạch hành động cá nhân thực hiện nghị quyết (90/100; mục tiêu 90%: đạt)',
    ],
  ])('words indicator %i with its percentage against its target', (i, clause) => {
    expect(summaryText(facts()).goals[i]).toBe(clause);
  });

  it('joins the goals into one paragraph and judges each for the table', () => {
    const t = summaryText(facts());
    expect(goalsParagraph(t)).toMatch(
      /^Kết quả thực hiện các mục tiêu của Đề án 07-ĐA\/TU: 100% xã.*; 100% cấp ủy.*hằng năm \(28\/28; mục tiêu 100%: đạt\)\.$/,
    );
    expect(facts().results.map(verdict)).toEqual([
      'Đạt',
      'Đạt',
      'Chưa có dữ liệu',
      'Chưa đạt',
      'Đạt',
      'Đạt',
      'Đạt',
    ]);
    expect(evaluate(CHO_MOI, {}).map(verdict)[0]).toBe('Chưa đặt mục tiêu');
  });

  it('writes one year, a unit with nothing yet, and no programme', () => {
    const t = summaryText(
      facts({
        programmeCode: null,
        programmeStart: null,
        subject: 'toàn Đảng bộ xã Thanh Mai',
        span: { from: 2026, to: 2026 },
        results: evaluate(
          Object.fromEntries(Object.keys(CHO_MOI).map((k) => [k, { num: 0, den: 0 }])) as RawIndicators,
          {},
        ),
        counters: {
          ...COUNTERS,
          conferences: 0,
          membersPresent: 0,
          nonMemberAttendances: 0,
          communes: 0,
          bridgePoints: {},
          collectives: 0,
          individuals: 0,
        },
      }),
    );
    expect(t.title).toBe(
      'Tổng kết việc học tập, quán triệt, tuyên truyền nghị quyết, chỉ thị của Đảng năm 2026',
    );
    expect(t.activities).toBe(
      'Năm 2026, thực hiện các nghị quyết, chỉ thị của Đảng, toàn Đảng bộ xã Thanh Mai chưa báo cáo hội nghị học tập, ' +
        'quán triệt, tuyên truyền nào; chưa có điểm cầu truyền hình trực tuyến nào được báo cáo.',
    );
    expect(t.goals.every((g) => g.endsWith(': chưa có dữ liệu (chưa đặt mục tiêu)'))).toBe(true);
    expect(t.commendations).toBe('Trong kỳ chưa có báo cáo khen thưởng.');
    expect(summaryMessage(t, 'Đảng ủy xã Thanh Mai').split('\n').slice(0, 4)).toEqual([
      `📄 ${t.title}`,
      'Đảng ủy xã Thanh Mai',
      '',
      'I. KẾT QUẢ THỰC HIỆN',
    ]);
  });
});

describe('the letterhead', () => {
  it.each([
    ['Tỉnh ủy Thái Nguyên', 'Đảng bộ tỉnh Thái Nguyên', 'Thái Nguyên'],
    ['Huyện ủy Chợ Mới', 'Đảng bộ huyện Chợ Mới', 'Chợ Mới'],
    ['Đảng ủy xã Thanh Mai', 'Đảng bộ xã Thanh Mai', 'Thanh Mai'],
    ['Đảng ủy phường Phan Đình Phùng', 'Đảng bộ phường Phan Đình Phùng', 'Phan Đình Phùng'],
    ['Chi bộ thôn Nà Bay', null, 'thôn Nà Bay'],
  ])('%s: party organisation %s, place %s', (name, body, place) => {
    expect(partyBodyOf(name)).toBe(body);
    expect(placeOf(name)).toBe(place);
  });

  it('puts the Party organisation above the issuer, as 36-HD/VPTW shows', () => {
    expect(letterhead({ name: 'Tỉnh ủy Thái Nguyên', kind: 'tinh' }, null)).toMatchObject({
      above: 'ĐẢNG BỘ TỈNH THÁI NGUYÊN',
      issuer: 'TỈNH ỦY',
      signedFor: 'T/M BAN THƯỜNG VỤ',
    });
    expect(letterhead({ name: 'Đảng ủy xã Thanh Mai', kind: 'xa' }, 'Tỉnh ủy Thái Nguyên')).toMatchObject({
      above: 'ĐẢNG BỘ TỈNH THÁI NGUYÊN',
      issuer: 'ĐẢNG ỦY XÃ THANH MAI',
      signedFor: 'T/M ĐẢNG ỦY',
    });
    expect(letterhead({ name: 'Chi bộ thôn Nà Bay', kind: 'chi_bo' }, 'Đảng ủy xã Thanh Mai')).toMatchObject({
      above: 'ĐẢNG BỘ XÃ THANH MAI',
      signedFor: 'T/M CHI ỦY',
    });
  });

  it('dates the document as 36-HD/VPTW does: the day in two digits, the month without a leading zero', () => {
    expect(dateLine('Thanh Mai', '2026-01-05')).toBe('Thanh Mai, ngày 05 tháng 1 năm 2026');
    expect(dateLine('Chợ Mới', '2022-09-22')).toBe('Chợ Mới, ngày 22 tháng 9 năm 2022');
    expect(dateLine('Thái Nguyên', '2025-12-31')).toBe('Thái Nguyên, ngày 31 tháng 12 năm 2025');
  });

  it.each([
    ['Tỉnh ủy Thái Nguyên', 'tinh', 'Văn phòng Tỉnh ủy'],
    ['Thành ủy Hà Nội', 'tinh', 'Văn phòng Thành ủy'],
    ['Huyện ủy Chợ Mới', 'huyen', 'Văn phòng Huyện ủy'],
    ['Đảng ủy xã Thanh Mai', 'xa', 'Văn phòng Đảng ủy'],
    ['Đảng ủy Bệnh viện Đa khoa tỉnh', 'co_so', 'Văn phòng Đảng ủy'],
    ['Chi bộ thôn Nà Bay', 'chi_bo', 'Chi bộ'],
  ])('%s (%s) keeps its copy at "Lưu %s"', (name, kind, keptBy) => {
    expect(letterhead({ name, kind }, null).keptBy).toBe(keptBy);
  });

  it.each([
    ['Tỉnh ủy Thái Nguyên', 'toàn tỉnh'],
    ['Thành ủy Hà Nội', 'toàn thành phố'],
    ['Huyện ủy Chợ Mới', 'toàn huyện'],
    ['Đảng ủy xã Thanh Mai', 'toàn Đảng bộ xã Thanh Mai'],
    ['Đảng ủy thị trấn Đồng Tâm', 'toàn Đảng bộ thị trấn Đồng Tâm'],
    ['Đảng ủy Bệnh viện Đa khoa tỉnh', 'toàn Đảng bộ Bệnh viện Đa khoa tỉnh'],
    ['Chi bộ thôn Nà Bay', 'Chi bộ thôn Nà Bay'],
  ])('the figures of %s and the units below it are those of "%s"', (name, whole) => {
    expect(wholeOf(name)).toBe(whole);
  });

  it.each([
    ['Bí thư', 'BÍ THƯ'],
    ['bi thu', 'BÍ THƯ'],
    [' PHÓ BÍ THƯ ', 'PHÓ BÍ THƯ'],
    ['pho bi thu', 'PHÓ BÍ THƯ'],
  ])('reads the signer’s position "%s" as %s', (typed, position) => {
    expect(parseSignerPosition(typed)).toEqual({ ok: true, value: position });
  });

  it('refuses a signer’s position other than Bí thư or Phó Bí thư', () => {
    const r = parseSignerPosition('Chủ tịch');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toBe(
      '"Chủ tịch" không phải chức vụ người ký: ghi "Bí thư" hoặc "Phó Bí thư".',
    );
  });
});
