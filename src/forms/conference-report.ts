import type { ConferenceForm } from '../db/schema.js';
import { formatDate, formatNumber } from '../domain/vn.js';
import { atMost, noteField, noteOf } from './common/checks.js';
import { documentOptions, parseDocumentList } from './common/documents.js';
import { type Figures, figuresAt, MAX, type ReportContext } from './common/figures.js';
import { unitDate, unitField, unitInitial } from './common/units.js';
import type { FormDef, Values } from './types.js';

/** The study conference report (hội nghị học tập, quán triệt, tuyên truyền). */

export type { DocumentChoice } from './common/documents.js';

/** Units, documents, and the unit's dated figures (for who must study). */
export type ConferenceContext = ReportContext;

/** The unit's figures in force on the conference date: the eligible count can be no more than members − exempt. */
const figuresOnDay = (v: Values, c: ConferenceContext): Figures | null =>
  figuresAt(v, c, typeof v.heldOn === 'string' ? v.heldOn : null);
const notExempt = (f: Figures) => f.partyMembers - f.exemptMembers;

/** "… (190 = 200 − 10, số liệu ngày 01/07/2025)." when more must study than the unit has members who study. */
function eligibleError(n: number, v: Values, c: ConferenceContext): string | null {
  const f = figuresOnDay(v, c);
  if (!f) return null;
  const formula = `${formatNumber(f.partyMembers)} − ${formatNumber(f.exemptMembers)}`;
  return atMost(
    n,
    notExempt(f),
    'Số đảng viên phải học tập',
    'số đảng viên không miễn sinh hoạt của đơn vị',
    `số liệu ngày ${formatDate(f.asOf)}`,
    formula,
  );
}

export const FORM_LABELS: Record<ConferenceForm, string> = {
  truc_tiep: 'Trực tiếp',
  truc_tuyen: 'Trực tuyến',
  ket_hop: 'Kết hợp trực tiếp và trực tuyến',
};

export const conferenceReportForm: FormDef<ConferenceContext> = {
  id: 'hoi_nghi',
  title: 'Báo cáo hội nghị học tập, quán triệt nghị quyết',
  initial: unitInitial,
  fields: [
    unitField(),
    unitDate({ key: 'heldOn', label: 'Ngày tổ chức', prompt: '📅 Hội nghị được tổ chức ngày nào?' }),
    {
      key: 'documents',
      label: 'Văn bản',
      kind: 'multi',
      prompt:
        '📄 Hội nghị học tập, quán triệt văn bản nào? Bấm để chọn, hoặc gõ số văn bản (ví dụ: 35 hoặc 35, 57).',
      options: (_v, c, selected) => documentOptions(c, selected),
      parseText: (text, _v, c) => parseDocumentList(text, c),
      emptyError: 'Cần chọn ít nhất một văn bản.',
    },
    {
      key: 'form',
      label: 'Hình thức',
      kind: 'choice',
      prompt: 'Hình thức tổ chức?',
      options: () => Object.entries(FORM_LABELS).map(([value, label]) => ({ value, label })),
    },
    {
      key: 'bridgePoints',
      label: 'Số điểm cầu trực tuyến',
      kind: 'count',
      min: 1,
      max: 10_000,
      prompt: '🖥 Có bao nhiêu điểm cầu trực tuyến?',
      when: (v) => v.form === 'truc_tuyen' || v.form === 'ket_hop',
    },
    {
      key: 'eligible',
      label: 'Đảng viên phải học tập',
      kind: 'count',
      min: 1,
      max: MAX.members,
      prompt: '👥 Số đảng viên phải học tập (tổng số đảng viên trừ đảng viên miễn sinh hoạt)?',
      suggest: (v, c) => {
        const f = figuresOnDay(v, c);
        return f ? notExempt(f) : null;
      },
      validate: eligibleError,
    },
    {
      key: 'present',
      label: 'Đảng viên có mặt',
      kind: 'count',
      max: MAX.members,
      prompt: '✋ Số đảng viên có mặt?',
      validate: (n, v) => atMost(n, v.eligible, 'Số có mặt', 'số đảng viên phải học tập'),
    },
    {
      key: 'nonMembers',
      label: 'Lượt quần chúng',
      kind: 'count',
      max: 1_000_000,
      prompt: '🙋 Số lượt quần chúng (người ngoài Đảng) tham dự? Gõ 0 nếu không có.',
    },
    {
      key: 'makeUp',
      label: 'Học bù',
      kind: 'yesno',
      prompt: 'Đây có phải buổi học bù cho đảng viên vắng buổi trước không?',
    },
    {
      key: 'reporter',
      label: 'Có báo cáo viên',
      kind: 'yesno',
      prompt: 'Có báo cáo viên trình bày tại hội nghị không?',
    },
    noteField('📝 Ghi chú thêm (nếu có), hoặc bấm "Bỏ qua".'),
  ],
};

/** The form's values as the report to save. */
export function toConferenceReport(v: Values) {
  return {
    unitId: Number(v.unit),
    heldOn: String(v.heldOn),
    documentIds: (v.documents as string[]).map(Number),
    form: v.form as ConferenceForm,
    bridgePoints: typeof v.bridgePoints === 'number' ? v.bridgePoints : 0,
    eligible: Number(v.eligible),
    present: Number(v.present),
    nonMemberAttendances: Number(v.nonMembers),
    makeUp: v.makeUp === true,
    reporterPresent: v.reporter === true,
    note: noteOf(v),
  };
}

export type ConferenceReportInput = ReturnType<typeof toConferenceReport>;

/** A saved report back into form values, to correct it through the same form. */
export function fromConferenceReport(r: ConferenceReportInput): Values {
  return {
    unit: String(r.unitId),
    heldOn: r.heldOn,
    documents: r.documentIds.map(String),
    form: r.form,
    ...(r.form === 'truc_tiep' ? {} : { bridgePoints: r.bridgePoints }),
    eligible: r.eligible,
    present: r.present,
    nonMembers: r.nonMemberAttendances,
    makeUp: r.makeUp,
    reporter: r.reporterPresent,
    note: r.note,
  };
}
