import { fraction, type IndicatorKey, type IndicatorResult } from './indicators.js';
import { describeSpan, type YearSpan } from './period.js';
import { type CounterFigures, countOf, percent, twoDigits } from './progress-format.js';
import { formatNumber } from './vn.js';

/*
 * The year-end (or programme-end) summary in the words of a committee's report, after the district's
 * article on Đề án 07-ĐA/TU: numbers in, Vietnamese paragraphs out. The same text goes to Telegram and
 * into the Word document.
 */

export interface SummaryFacts {
  /** `07-ĐA/TU`, or null when no programme is set up. */
  programmeCode: string | null;
  /** The year the programme starts (its ngày ban hành): 2017 for Đề án 07-ĐA/TU. */
  programmeStart: number | null;
  /**
   * Who the figures are about: every counter covers the unit and its subtree, so the whole organisation
   * ("toàn huyện", "toàn Đảng bộ xã Thanh Mai"; letterhead.ts wholeOf), not its committee.
   */
  subject: string;
  span: YearSpan;
  results: IndicatorResult[];
  counters: CounterFigures;
}

export interface SummaryText {
  /** `Đề án 07-ĐA/TU`, or "các nghị quyết, chỉ thị của Đảng" without a programme. */
  programme: string;
  /** `Tổng kết thực hiện Đề án 07-ĐA/TU giai đoạn 2017–2022`. */
  title: string;
  /** I. Kết quả thực hiện. */
  activities: string;
  /** II. Kết quả thực hiện các mục tiêu: the lead-in, then one clause per indicator. */
  goalsLead: string;
  goals: string[];
  /** III. Khen thưởng. */
  commendations: string;
}

export const SECTION_TITLES = {
  activities: 'I. KẾT QUẢ THỰC HIỆN',
  goals: 'II. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU',
  commendations: 'III. KHEN THƯỞNG',
} as const;

/**
 * `39.214` → `hơn 39.000`, `1.250` → `hơn 1.200`, as the article rounds large figures; an exact round
 * number and anything under 1.000 stay as they are.
 */
export function roughly(n: number): string {
  if (n < 1000) return formatNumber(n);
  const step = n >= 10_000 ? 1000 : 100;
  const floor = Math.floor(n / step) * step;
  return floor === n ? formatNumber(n) : `hơn ${formatNumber(floor)}`;
}

/**
 * "Sau N năm", counted as the Party counts them (docs/domain.md, "Years of a span"): from the programme's
 * start year (its ngày ban hành) N is the years since then, so Đề án 07-ĐA/TU (2017) summarised in 2022 is
 * "Sau 5 năm", as the article says; a span starting later covers whole calendar years, both ends included
 * (2023–2025: 3). A single year is told as "Năm 2026", not counted.
 */
export const yearsOf = (s: YearSpan, programmeStart: number | null) =>
  s.from === programmeStart ? s.to - s.from : s.to - s.from + 1;

const BRIDGE_LEVELS: [string, string][] = [
  ['tinh', 'cấp tỉnh'],
  ['huyen', 'cấp huyện'],
  ['xa', 'cấp xã'],
  ['co_so', 'ở tổ chức cơ sở đảng khác'],
  ['chi_bo', 'ở chi bộ'],
];

/** What each indicator measures, as the Đề án words its targets. */
const SUBJECTS: Record<IndicatorKey, string> = {
  online_reach:
    'xã, phường, thị trấn được tổ chức học tập, quán triệt nghị quyết, chỉ thị của Đảng bằng hình thức trực tuyến',
  members_study:
    'cán bộ, đảng viên (không kể đảng viên miễn sinh hoạt) tham gia học tập nghị quyết, chỉ thị của Đảng',
  people_aware:
    'đoàn viên, hội viên và Nhân dân được khảo sát biết về nghị quyết, chỉ thị và nắm được những điểm mới, cốt lõi',
  reporters_trained: 'báo cáo viên được cung cấp thông tin và tập huấn, bồi dưỡng kỹ năng nghiệp vụ hằng năm',
  action_plans:
    'tổ chức cơ sở đảng xây dựng chương trình, kế hoạch hành động thực hiện nghị quyết, chỉ thị của Đảng kịp thời',
  personal_plans:
    'bí thư cấp ủy, đảng viên là người đứng đầu cơ quan, đơn vị có kế hoạch hành động cá nhân thực hiện nghị quyết',
  inspection:
    'cấp ủy, ủy ban kiểm tra xây dựng chương trình, kế hoạch kiểm tra, giám sát việc học tập, quán triệt, triển khai nghị quyết, chỉ thị của Đảng hằng năm',
};

/** The verdict on one indicator, as the table's last column writes it. */
export function verdict(r: IndicatorResult): string {
  if (r.ratio === null) return r.pending ? 'Chưa đến hạn' : 'Chưa có dữ liệu';
  if (r.met === null) return 'Chưa đặt mục tiêu';
  return r.met ? 'Đạt' : 'Chưa đạt';
}

/** `95,24% cán bộ, đảng viên … (120/126; mục tiêu 90%: đạt)`. */
export function goalClause(r: IndicatorResult): string {
  const target = r.target === null ? 'chưa đặt mục tiêu' : `mục tiêu ${percent(r.target)}`;
  if (r.ratio === null)
    return `${SUBJECTS[r.key]}: ${r.pending ? `chưa đến hạn (${formatNumber(r.pending)})` : 'chưa có dữ liệu'} (${target})`;
  const judged = r.met === null ? target : `${target}: ${r.met ? 'đạt' : 'chưa đạt'}`;
  return `${percent(r.ratio)} ${SUBJECTS[r.key]} (${fraction(r)}; ${judged})`;
}

export function programmeLabel(code: string | null): string {
  return code ? `Đề án ${code.replace(/^Đề án\s*/, '')}` : 'các nghị quyết, chỉ thị của Đảng';
}

function opening(f: SummaryFacts, programme: string): string {
  const doing = f.programmeCode ? `thực hiện ${programme}` : 'thực hiện các nghị quyết, chỉ thị của Đảng';
  if (f.span.from === f.span.to) return `Năm ${f.span.from}, ${doing}, ${f.subject}`;
  return `Sau ${yearsOf(f.span, f.programmeStart)} năm ${doing} (${describeSpan(f.span)}), ${f.subject}`;
}

/** `cho hơn 39.000 lượt người tham dự (39.214 lượt, trong đó …)`: the rounded figure, then the exact one. */
function attendance(c: CounterFigures): string {
  const people = c.membersPresent + c.nonMemberAttendances;
  const split =
    `trong đó ${formatNumber(c.membersPresent)} lượt đảng viên, ` +
    `${formatNumber(c.nonMemberAttendances)} lượt quần chúng`;
  const rounded = roughly(people);
  const exact = rounded === formatNumber(people) ? split : `${formatNumber(people)} lượt, ${split}`;
  return `cho ${rounded} lượt người tham dự (${exact})`;
}

function activities(f: SummaryFacts, programme: string): string {
  const c = f.counters;
  const clauses = [
    c.conferences === 0
      ? `${opening(f, programme)} chưa báo cáo hội nghị học tập, quán triệt, tuyên truyền nào`
      : `${opening(f, programme)} đã tổ chức ${formatNumber(c.conferences)} hội nghị học tập, quán triệt, ` +
        `tuyên truyền các nghị quyết, chỉ thị của Đảng ${attendance(c)}`,
  ];
  if (c.communes > 0) {
    clauses.push(
      `có ${c.communesWithLoudspeaker}/${c.communes} xã, phường, thị trấn có hệ thống loa truyền thanh để tuyên truyền`,
    );
  }
  const bridges = BRIDGE_LEVELS.filter(([k]) => (c.bridgePoints[k] ?? 0) > 0).map(
    ([k, level]) => `${twoDigits(c.bridgePoints[k] ?? 0)} điểm cầu truyền hình trực tuyến ${level}`,
  );
  // What exists (the figures in force at the end), not what was installed in the period.
  if (bridges.length > 0) {
    clauses.push(`có ${bridges.join(', ')} để phục vụ hội nghị trực tuyến`);
  } else {
    clauses.push('chưa có điểm cầu truyền hình trực tuyến nào được báo cáo');
  }
  return `${clauses.join('; ')}.`;
}

function commendations(f: SummaryFacts, programme: string): string {
  const { collectives, individuals } = f.counters;
  if (collectives + individuals === 0) return 'Trong kỳ chưa có báo cáo khen thưởng.';
  const during = f.span.from === f.span.to ? `Năm ${f.span.from}` : 'Trong kỳ';
  const counts: [number, string][] = [
    [collectives, 'tập thể'],
    [individuals, 'cá nhân'],
  ];
  const awarded = counts.filter(([n]) => n > 0).map(([n, noun]) => countOf(n, noun));
  const none = counts.filter(([n]) => n === 0).map(([n, noun]) => `; ${countOf(n, noun)} được khen thưởng`);
  return (
    `${during}, ${f.subject} đã khen thưởng ${awarded.join(', ')} ` +
    `tiêu biểu, điển hình vì có thành tích xuất sắc trong thực hiện ${programme}${none.join('')}.`
  );
}

export function summaryText(f: SummaryFacts): SummaryText {
  const programme = programmeLabel(f.programmeCode);
  const title = f.programmeCode
    ? `Tổng kết thực hiện ${programme} ${describeSpan(f.span)}`
    : `Tổng kết việc học tập, quán triệt, tuyên truyền nghị quyết, chỉ thị của Đảng ${describeSpan(f.span)}`;
  return {
    programme,
    title,
    activities: activities(f, programme),
    goalsLead: f.programmeCode ? `Kết quả thực hiện các mục tiêu của ${programme}:` : 'Kết quả các chỉ tiêu:',
    goals: f.results.map(goalClause),
    commendations: commendations(f, programme),
  };
}

/** The goals as one paragraph, clauses joined the way the article joins them. */
export const goalsParagraph = (t: SummaryText) => `${t.goalsLead} ${t.goals.join('; ')}.`;

/** The Telegram message: the report's three sections, without the letterhead. */
export function summaryMessage(t: SummaryText, unitName: string): string {
  return [
    `📄 ${t.title}`,
    unitName,
    '',
    SECTION_TITLES.activities,
    t.activities,
    '',
    SECTION_TITLES.goals,
    goalsParagraph(t),
    '',
    SECTION_TITLES.commendations,
    t.commendations,
  ].join('\n');
}
