import type { SaveOutcome } from '../db/repositories/filed.js';
import type { InspectionBody } from '../db/schema.js';
import type { ReportKind } from '../domain/report-kinds.js';
import { formatDate, formatNumber, formatPercent } from '../domain/vn.js';
import type { Figures } from '../forms/common/figures.js';

/** What the bot says about the report kinds: the /baocao picker and each kind's confirmation. */

/** The picker's buttons: plain words, so a test or a reminder can name them. */
export const KIND_LABELS: Record<ReportKind, string> = {
  hoi_nghi: 'Hội nghị học tập, quán triệt',
  ke_hoach_hanh_dong: 'Chương trình, kế hoạch hành động',
  ke_hoach_ca_nhan: 'Kế hoạch hành động cá nhân',
  kiem_tra_giam_sat: 'Chương trình kiểm tra, giám sát',
  tap_huan_bcv: 'Tập huấn báo cáo viên',
  khao_sat: 'Khảo sát mức độ nắm bắt',
  khen_thuong: 'Khen thưởng',
  co_so_vat_chat: 'Loa truyền thanh, điểm cầu',
  so_lieu: 'Số liệu đơn vị',
};

/** Whose programme, before the committee's name: the committee itself, or its UBKT ("UBKT Đảng ủy xã …"). */
const BODY_OF: Record<InspectionBody, string> = { cap_uy: '', ubkt: 'UBKT ' };

/** `82,0% (410/500)`; an empty denominator is "chưa có dữ liệu", never 0% or NaN. */
export function share(n: number, of: number): string {
  const pct = of > 0 ? formatPercent(n / of, 1) : 'chưa có dữ liệu';
  return `${pct} (${formatNumber(n)}/${formatNumber(of)})`;
}

const VERB: Record<SaveOutcome, string> = { created: 'Đã lưu', updated: 'Đã cập nhật', unchanged: 'Đã lưu' };
const head = (o: SaveOutcome, what: string) =>
  `✅ ${VERB[o]} ${what}${o === 'unchanged' ? ' (giống hệt lần báo cáo trước, không có gì thay đổi)' : ''}.`;

const facilities = (f: Pick<Figures, 'hasLoudspeaker' | 'bridgePoints'>) =>
  `loa truyền thanh: ${f.hasLoudspeaker ? 'có' : 'không'}; ${formatNumber(f.bridgePoints)} điểm cầu trực tuyến`;

export const R = {
  pick: 'Đồng chí báo cáo việc gì?',
  formerUnits: '🗂 Đơn vị cũ (trước sáp nhập)',
  pickFormer:
    'Báo cáo cho đơn vị cũ (đã sáp nhập vào đơn vị của đồng chí), với ngày trong thời gian đơn vị đó hoạt động. ' +
    'Đồng chí báo cáo việc gì?',
  notForYou: 'Loại báo cáo này không áp dụng cho đơn vị của đồng chí, hoặc đồng chí không còn quyền báo cáo.',
  unknownForm: 'Đường link báo cáo này không đúng hoặc đã cũ. Gõ /baocao để chọn loại báo cáo.',
  /** `due`: when the plan was due (deadline-settings.ts actionPlanDue); one issued after it is not timely. */
  actionPlan: (o: SaveOutcome, unit: string, document: string, issuedOn: string, due: string | null) =>
    head(
      o,
      `chương trình, kế hoạch hành động của ${unit} thực hiện ${document}, ban hành ngày ${formatDate(issuedOn)}`,
    ) +
    (due !== null && issuedOn > due
      ? `\n⚠️ Ban hành sau hạn ${formatDate(due)}: không tính là kịp thời (chỉ tiêu 5).`
      : ''),
  personalPlans: (o: SaveOutcome, unit: string, year: number, withPlan: number, required: number | null) =>
    `${head(o, `kế hoạch hành động cá nhân năm ${year} của ${unit}`)}\n` +
    (required === null
      ? `Có kế hoạch: ${formatNumber(withPlan)} đồng chí (chưa có số liệu số đồng chí phải có).`
      : `Bí thư, người đứng đầu có kế hoạch: ${share(withPlan, required)}`),
  inspection: (o: SaveOutcome, unit: string, year: number, body: InspectionBody, approvedOn: string) =>
    head(
      o,
      `chương trình kiểm tra, giám sát năm ${year} của ${BODY_OF[body]}${unit}, phê duyệt ngày ${formatDate(approvedOn)}`,
    ),
  training: (o: SaveOutcome, unit: string, year: number, trained: number, reporters: number | null) =>
    `${head(o, `tập huấn báo cáo viên năm ${year} của ${unit}`)}\n` +
    (reporters === null
      ? `Đã tập huấn ${formatNumber(trained)} báo cáo viên (chưa có số liệu tổng số báo cáo viên).`
      : `Đã tập huấn ${formatNumber(trained)}/${formatNumber(reporters)} báo cáo viên` +
        `${reporters > 0 ? ` (${formatPercent(trained / reporters, 1)})` : ''}.`),
  survey: (o: SaveOutcome, unit: string, heldOn: string, aware: number, surveyed: number) =>
    `${head(o, `kết quả khảo sát ngày ${formatDate(heldOn)} của ${unit}`)}\nTỷ lệ nắm bắt: ${share(aware, surveyed)}`,
  commendations: (
    o: SaveOutcome,
    unit: string,
    awardedOn: string,
    collectives: number,
    individuals: number,
  ) =>
    head(
      o,
      `khen thưởng ngày ${formatDate(awardedOn)} của ${unit}: ` +
        `${formatNumber(collectives)} tập thể, ${formatNumber(individuals)} cá nhân`,
    ),
  figures: (o: SaveOutcome, unit: string, f: Figures) =>
    `${head(o, `số liệu của ${unit} tính đến ngày ${formatDate(f.asOf)}`)}\n` +
    `${formatNumber(f.partyMembers)} đảng viên (${formatNumber(f.exemptMembers)} miễn sinh hoạt, ` +
    `${formatNumber(f.partyMembers - f.exemptMembers)} phải học tập); ${formatNumber(f.reporters)} báo cáo viên; ` +
    `${formatNumber(f.personalPlanRequired)} đồng chí phải có kế hoạch cá nhân; ${facilities(f)}.`,
  facilities: (o: SaveOutcome, unit: string, f: Figures, copiedFrom: string) =>
    `${head(o, `loa truyền thanh, điểm cầu của ${unit} từ ngày ${formatDate(f.asOf)}`)}\n` +
    `${facilities(f)}. Các số liệu khác giữ như ngày ${formatDate(copiedFrom)}.`,
  figuresGone: 'Số liệu đơn vị vừa bị thay đổi nên chưa lưu được. Đồng chí gõ /baocao và báo cáo lại.',
} as const;
