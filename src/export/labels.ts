/* Every word the exported workbook shows: sheet names, headers, labels. */
import type { ConferenceForm, InspectionBody } from '../db/schema.js';

export const SHEETS = {
  indicators: 'Chỉ tiêu',
  counters: 'Số đếm',
  conferences: 'Hội nghị',
  actionPlans: 'Kế hoạch hành động',
  personalPlans: 'KH cá nhân',
  inspections: 'Kiểm tra, giám sát',
  trainings: 'Tập huấn BCV',
  surveys: 'Khảo sát',
  commendations: 'Khen thưởng',
  figures: 'Số liệu đơn vị',
} as const;

export const YES = 'Có';
export const NO = 'Không';

export const FORM_NAMES: Record<ConferenceForm, string> = {
  truc_tiep: 'Trực tiếp',
  truc_tuyen: 'Trực tuyến',
  ket_hop: 'Kết hợp',
};

export const BODY_NAMES: Record<InspectionBody, string> = { cap_uy: 'Cấp ủy', ubkt: 'UBKT' };

export const LEVEL_NAMES: Record<string, string> = {
  tinh: 'cấp tỉnh',
  huyen: 'cấp huyện',
  xa: 'cấp xã',
  co_so: 'cơ sở khác',
  chi_bo: 'chi bộ',
};

export const L = {
  unitCode: 'Mã đơn vị',
  unitName: 'Đơn vị',
  date: 'Ngày',
  year: 'Năm',
  documents: 'Văn bản',
  form: 'Hình thức',
  bridgePoints: 'Số điểm cầu',
  eligible: 'Đảng viên phải học',
  present: 'Đảng viên có mặt',
  nonMembers: 'Lượt quần chúng',
  makeUp: 'Học bù',
  reporter: 'Có báo cáo viên',
  note: 'Ghi chú',
  documentDate: 'Ngày văn bản',
  planIssuedOn: 'Ngày ban hành kế hoạch',
  withPlan: 'Số có kế hoạch cá nhân',
  body: 'Cơ quan',
  approvedOn: 'Ngày phê duyệt',
  trainedOn: 'Ngày tập huấn',
  trained: 'Báo cáo viên được tập huấn',
  surveyed: 'Số được khảo sát',
  aware: 'Số nắm được',
  awareShare: 'Tỷ lệ nắm được',
  collectives: 'Tập thể',
  individuals: 'Cá nhân',
  partyMembers: 'Đảng viên',
  exempt: 'Miễn sinh hoạt',
  reporters: 'Báo cáo viên',
  planRequired: 'Phải có KH cá nhân',
  loudspeaker: 'Loa truyền thanh',
  num: 'Tử số',
  den: 'Mẫu số',
  ratio: 'Tỷ lệ',
  target: 'Mục tiêu',
  /** Not filed, deadline still ahead: apart from the ratio (docs/domain.md, "Indicators"). */
  pending: 'Chưa đến hạn',
  total: 'Tổng cộng',
  ownLevel: (name: string) => `${name} (riêng cấp này)`,
  everything: 'Toàn bộ các đảng bộ',
  item: 'Nội dung',
  value: 'Giá trị',
  scope: 'Phạm vi',
  period: 'Kỳ báo cáo',
  programme: 'Đề án',
  noProgramme: 'chưa có đề án',
  conferences: 'Hội nghị học tập, quán triệt',
  membersPresent: 'Lượt đảng viên tham dự',
  nonMemberAttendances: 'Lượt quần chúng tham dự',
  attendances: 'Tổng lượt người tham dự',
  communes: 'Số xã, phường',
  communesWithLoudspeaker: 'Xã, phường có hệ thống loa truyền thanh',
  bridgeAt: (level: string) => `Điểm cầu trực tuyến ${level}`,
  commendedCollectives: 'Tập thể được khen thưởng',
  commendedIndividuals: 'Cá nhân được khen thưởng',
};

/** `bao-cao-2022.xlsx`, `bao-cao-2017-2022.xlsx`. */
export const fileName = (from: number, to: number) =>
  from === to ? `bao-cao-${from}.xlsx` : `bao-cao-${from}-${to}.xlsx`;
