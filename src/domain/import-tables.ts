/* The three import files, declared as column specs for the one CSV engine. */
import type { Table } from './csv-import.js';
import { type DocumentCode, parseDocumentCode } from './document-code.js';
import {
  count,
  date,
  oneOf,
  optionalDate,
  optionalUnitCode,
  requiredText,
  unitCode,
  yesNo,
} from './import-fields.js';
import { formatDate, formatNumber } from './vn.js';

export const UNIT_KIND_VALUES = ['tinh', 'huyen', 'xa', 'co_so', 'chi_bo'] as const;

export interface UnitRow {
  code: string;
  name: string;
  kind: (typeof UNIT_KIND_VALUES)[number];
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  successorCode: string | null;
}

export const unitsTable: Table<UnitRow> = {
  columns: {
    code: { header: 'ma', parse: unitCode },
    name: { header: 'ten', parse: requiredText(200) },
    kind: { header: 'loai', parse: oneOf(UNIT_KIND_VALUES) },
    parentCode: { header: 'ma_cap_tren', parse: optionalUnitCode },
    validFrom: { header: 'hieu_luc_tu', parse: date },
    validTo: { header: 'hieu_luc_den', parse: optionalDate },
    successorCode: { header: 'ma_sap_nhap_vao', optional: true, parse: optionalUnitCode },
  },
  check: (r) => {
    const problems: Array<{ field: keyof UnitRow; message: string }> = [];
    if (r.validTo !== null && r.validTo < r.validFrom)
      problems.push({
        field: 'validTo',
        message: `ngày hết hiệu lực ${formatDate(r.validTo)} trước ngày bắt đầu ${formatDate(r.validFrom)}.`,
      });
    if (r.parentCode === r.code)
      problems.push({ field: 'parentCode', message: 'đơn vị không thể là cấp trên của chính nó.' });
    if (r.successorCode === r.code)
      problems.push({ field: 'successorCode', message: 'đơn vị không thể sáp nhập vào chính nó.' });
    return problems;
  },
  unique: { key: (r) => r.code, field: 'code', message: (r, first) => `mã ${r.code} đã có ở dòng ${first}.` },
};

export interface FiguresRow {
  unitCode: string;
  asOf: string;
  partyMembers: number;
  exemptMembers: number;
  reporters: number;
  personalPlanRequired: number;
  hasLoudspeaker: boolean;
  bridgePoints: number;
}

export const figuresTable: Table<FiguresRow> = {
  columns: {
    unitCode: { header: 'ma', parse: unitCode },
    asOf: { header: 'ngay', parse: date },
    partyMembers: { header: 'dang_vien', parse: count },
    exemptMembers: { header: 'mien_sinh_hoat', parse: count },
    reporters: { header: 'bao_cao_vien', parse: count },
    personalPlanRequired: { header: 'can_ke_hoach_ca_nhan', parse: count },
    hasLoudspeaker: { header: 'co_loa', parse: yesNo },
    bridgePoints: { header: 'diem_cau', parse: count },
  },
  check: (r) =>
    r.exemptMembers > r.partyMembers
      ? [
          {
            field: 'exemptMembers',
            message: `${formatNumber(r.exemptMembers)} miễn sinh hoạt nhiều hơn ${formatNumber(r.partyMembers)} đảng viên.`,
          },
        ]
      : [],
  unique: {
    key: (r) => `${r.unitCode}|${r.asOf}`,
    field: 'asOf',
    message: (r, first) => `số liệu của ${r.unitCode} ngày ${formatDate(r.asOf)} đã có ở dòng ${first}.`,
  },
};

export interface DocumentRow {
  code: DocumentCode;
  issuedOn: string;
  issuer: string;
  summary: string;
}

export const documentsTable: Table<DocumentRow> = {
  columns: {
    code: { header: 'so_hieu', parse: parseDocumentCode },
    issuedOn: { header: 'ngay', parse: date },
    issuer: { header: 'co_quan', parse: requiredText(200) },
    summary: { header: 'trich_yeu', parse: requiredText(1000) },
  },
  unique: {
    key: (r) => `${r.code.code}|${r.issuedOn}`,
    field: 'code',
    message: (r, first) => `văn bản ${r.code.code} ngày ${formatDate(r.issuedOn)} đã có ở dòng ${first}.`,
  },
};

export interface HolidayRow {
  day: string;
  name: string;
}

/** `ngay,ten`: the public holidays of a year (lunar ones from the official announcement). */
export const holidaysTable: Table<HolidayRow> = {
  columns: {
    day: { header: 'ngay', parse: date },
    name: { header: 'ten', parse: requiredText(200) },
  },
  unique: {
    key: (r) => r.day,
    field: 'day',
    message: (r, first) => `ngày ${formatDate(r.day)} đã có ở dòng ${first}.`,
  },
};
