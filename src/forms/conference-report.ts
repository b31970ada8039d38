import type { ConferenceForm } from '../db/schema.js';
import { formatDate, formatNumber, type Parsed, preview } from '../domain/vn.js';
import type { FormContext, FormDef, Option, Values } from './types.js';

/** The study conference report (hội nghị học tập, quán triệt, tuyên truyền). */

export interface UnitChoice {
  id: number;
  name: string;
  validFrom: string;
  validTo: string | null;
}

export interface DocumentChoice {
  id: number;
  code: string;
  issuedOn: string;
}

export interface ConferenceContext extends FormContext {
  /** Units the user may report for. */
  units: UnitChoice[];
  recentDocuments: DocumentChoice[];
  documentsByIds(ids: number[]): DocumentChoice[];
  documentsByNumber(n: number): DocumentChoice[];
  documentsByCode(code: string): DocumentChoice[];
  /** Members − exempt from the unit's latest figures on or before the date. */
  eligibleFor(unitId: number, onDate: string): number | null;
}

export const FORM_LABELS: Record<ConferenceForm, string> = {
  truc_tiep: 'Trực tiếp',
  truc_tuyen: 'Trực tuyến',
  ket_hop: 'Kết hợp trực tiếp và trực tuyến',
};

export const MAX_MEMBERS = 100_000;

export const documentLabel = (d: DocumentChoice) => `${d.code} ngày ${formatDate(d.issuedOn)}`;

const unitOf = (v: Values, c: ConferenceContext) => c.units.find((u) => String(u.id) === v.unit);

function documentOptions(c: ConferenceContext, selected: readonly string[]): Option[] {
  const chosen = c.documentsByIds(selected.map(Number));
  const all = [...c.recentDocuments, ...chosen.filter((d) => !c.recentDocuments.some((r) => r.id === d.id))];
  return all.map((d) => ({ value: String(d.id), label: documentLabel(d) }));
}

/** `35`, `35, 57`, `35-NQ/TW`: each piece names one document in the catalogue. */
export function parseDocumentList(text: string, c: ConferenceContext): Parsed<string[]> {
  const pieces = text.split(/[,;\s]+/).filter(Boolean);
  const ids: string[] = [];
  for (const p of pieces) {
    const found = /^\d{1,4}$/.test(p) ? c.documentsByNumber(Number(p)) : c.documentsByCode(p);
    if (found.length === 0) {
      return {
        ok: false,
        error: `Không tìm thấy văn bản "${preview(p)}" trong danh mục. Hãy bấm nút để chọn.`,
      };
    }
    if (found.length > 1 && /^\d+$/.test(p)) {
      const list = found.map(documentLabel).join('; ');
      return {
        ok: false,
        error: `Có ${found.length} văn bản số ${p}: ${list}. Hãy gõ đầy đủ số hiệu hoặc bấm nút.`,
      };
    }
    // Same code in two terms: the newest is meant unless a button says otherwise.
    const newest = [...found].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))[0];
    if (newest && !ids.includes(String(newest.id))) ids.push(String(newest.id));
  }
  return { ok: true, value: ids };
}

export const conferenceReportForm: FormDef<ConferenceContext> = {
  id: 'hoi_nghi',
  title: 'Báo cáo hội nghị học tập, quán triệt nghị quyết',
  initial: (c): Values => (c.units.length === 1 && c.units[0] ? { unit: String(c.units[0].id) } : {}),
  fields: [
    {
      key: 'unit',
      label: 'Đơn vị',
      kind: 'choice',
      prompt: 'Báo cáo cho đơn vị nào?',
      options: (_v, c) => c.units.map((u) => ({ value: String(u.id), label: u.name })),
    },
    {
      key: 'heldOn',
      label: 'Ngày tổ chức',
      kind: 'date',
      prompt: '📅 Hội nghị được tổ chức ngày nào?',
      validate: (iso, v, c) => {
        const u = unitOf(v, c);
        if (u && (iso < u.validFrom || (u.validTo !== null && iso > u.validTo))) {
          return `Ngày ${formatDate(iso)} nằm ngoài thời gian hoạt động của ${u.name}.`;
        }
        return null;
      },
    },
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
      max: MAX_MEMBERS,
      prompt: '👥 Số đảng viên phải học tập (tổng số đảng viên trừ đảng viên miễn sinh hoạt)?',
      suggest: (v, c) => {
        const u = unitOf(v, c);
        return u && typeof v.heldOn === 'string' ? c.eligibleFor(u.id, v.heldOn) : null;
      },
    },
    {
      key: 'present',
      label: 'Đảng viên có mặt',
      kind: 'count',
      max: MAX_MEMBERS,
      prompt: '✋ Số đảng viên có mặt?',
      validate: (n, v) =>
        typeof v.eligible === 'number' && n > v.eligible
          ? `Số có mặt (${formatNumber(n)}) không thể lớn hơn số đảng viên phải học tập (${formatNumber(v.eligible)}).`
          : null,
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
    {
      key: 'note',
      label: 'Ghi chú',
      kind: 'text',
      optional: true,
      maxLength: 1000,
      prompt: '📝 Ghi chú thêm (nếu có), hoặc bấm "Bỏ qua".',
    },
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
    note: typeof v.note === 'string' ? v.note : null,
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
