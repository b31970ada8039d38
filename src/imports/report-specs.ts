import type { Db } from '../db/client.js';
import type { Actor } from '../db/repositories/audit.js';
import { writeFigures } from '../db/repositories/figures.js';
import type { SaveOutcome } from '../db/repositories/filed.js';
import {
  writeActionPlan,
  writeInspectionProgramme,
  writePersonalPlans,
  writeReporterTraining,
} from '../db/repositories/filed-reports.js';
import type { ReportKeys } from '../db/repositories/progress-summary.js';
import {
  writeCommendationsByDay,
  writeConferenceByKey,
  writeSurveyByDay,
} from '../db/repositories/report-import.js';
import { actionPlanForm, toActionPlan } from '../forms/action-plan.js';
import { awarenessSurveyForm, toAwarenessSurvey } from '../forms/awareness-survey.js';
import { commendationsForm, toCommendations } from '../forms/commendations.js';
import type { ReportContext } from '../forms/common/figures.js';
import { conferenceReportForm, toConferenceReport } from '../forms/conference-report.js';
import { facilitiesForm, toFacilitiesFigures } from '../forms/facilities.js';
import { inspectionProgrammeForm, toInspectionProgramme } from '../forms/inspection-programme.js';
import { personalPlansForm, toPersonalPlans } from '../forms/personal-plans.js';
import { reporterTrainingForm, toReporterTraining } from '../forms/reporter-training.js';
import type { FormDef, Values } from '../forms/types.js';

/*
 * The eight kinds of report an import of past reports takes (docs/domain.md, "Importing past reports"): each
 * is its chat form (the questions, their parsers and checks), the file's column for each question (headers
 * without diacritics, like the other imports), the natural key a second import lands on, and the write.
 */

export interface Written {
  outcome: SaveOutcome;
  /** A conference's keys, for the progress summaries refreshed after the last row. */
  report?: ReportKeys;
  /** A unit whose figures changed (facilities): what the next rows read of its figures is stale. */
  figuresOf?: number;
}

export interface ReportSpec {
  def: FormDef<ReportContext>;
  /** What a row is, for "đã nhập 486 hội nghị". */
  noun: string;
  /** Field key → column header, in the template's order; the unit's column is `ma`. */
  headers: Readonly<Record<string, string>>;
  /** Field keys whose column the file may leave out (its cells then read as empty). */
  optional?: readonly string[];
  /** The natural key: two rows of a file with the same key are one report given twice. */
  key: (v: Values) => string;
  write: (db: Db, v: Values, c: ReportContext, actor: Actor, now: Date) => Written;
}

const unitAnd =
  (...keys: string[]) =>
  (v: Values) =>
    [v.unit, ...keys.map((k) => String(v[k]))].join('|');

const outcomeOf = (r: { outcome: SaveOutcome }): Written => ({ outcome: r.outcome });

export const REPORT_SPECS = {
  hoi_nghi: {
    noun: 'hội nghị',
    def: conferenceReportForm,
    headers: {
      unit: 'ma',
      heldOn: 'ngay',
      documents: 'van_ban',
      form: 'hinh_thuc',
      bridgePoints: 'diem_cau',
      eligible: 'phai_hoc_tap',
      present: 'co_mat',
      nonMembers: 'quan_chung',
      makeUp: 'hoc_bu',
      reporter: 'bao_cao_vien',
      note: 'ghi_chu',
    },
    optional: ['bridgePoints', 'note'],
    key: (v) => `${v.unit}|${v.heldOn}|${[...(v.documents as string[])].sort().join(',')}`,
    write: (db, v, _c, actor, now) => {
      const report = toConferenceReport(v);
      return { outcome: writeConferenceByKey(db, report, actor, now), report };
    },
  },
  ke_hoach_hanh_dong: {
    noun: 'kế hoạch hành động',
    def: actionPlanForm,
    headers: { unit: 'ma', document: 'van_ban', issuedOn: 'ngay_ban_hanh' },
    key: unitAnd('document'),
    write: (db, v, _c, actor, now) => outcomeOf(writeActionPlan(db, toActionPlan(v), actor, now)),
  },
  ke_hoach_ca_nhan: {
    noun: 'dòng kế hoạch cá nhân',
    def: personalPlansForm,
    headers: { unit: 'ma', year: 'nam', withPlan: 'co_ke_hoach' },
    key: unitAnd('year'),
    write: (db, v, _c, actor, now) => outcomeOf(writePersonalPlans(db, toPersonalPlans(v), actor, now)),
  },
  kiem_tra_giam_sat: {
    noun: 'chương trình kiểm tra, giám sát',
    def: inspectionProgrammeForm,
    headers: { unit: 'ma', year: 'nam', body: 'cua', approvedOn: 'ngay_phe_duyet' },
    key: unitAnd('year', 'body'),
    write: (db, v, _c, actor, now) =>
      outcomeOf(writeInspectionProgramme(db, toInspectionProgramme(v), actor, now)),
  },
  tap_huan_bcv: {
    noun: 'dòng tập huấn báo cáo viên',
    def: reporterTrainingForm,
    headers: { unit: 'ma', year: 'nam', heldOn: 'ngay', trained: 'so_duoc_tap_huan' },
    key: unitAnd('year'),
    write: (db, v, _c, actor, now) => outcomeOf(writeReporterTraining(db, toReporterTraining(v), actor, now)),
  },
  khao_sat: {
    noun: 'cuộc khảo sát',
    def: awarenessSurveyForm,
    headers: { unit: 'ma', heldOn: 'ngay', surveyed: 'so_khao_sat', aware: 'so_nam_duoc' },
    key: unitAnd('heldOn'),
    write: (db, v, _c, actor, now) => outcomeOf(writeSurveyByDay(db, toAwarenessSurvey(v), actor, now)),
  },
  khen_thuong: {
    noun: 'đợt khen thưởng',
    def: commendationsForm,
    headers: {
      unit: 'ma',
      awardedOn: 'ngay',
      collectives: 'tap_the',
      individuals: 'ca_nhan',
      note: 'ghi_chu',
    },
    optional: ['note'],
    key: unitAnd('awardedOn'),
    write: (db, v, _c, actor, now) => outcomeOf(writeCommendationsByDay(db, toCommendations(v), actor, now)),
  },
  co_so_vat_chat: {
    noun: 'dòng loa, điểm cầu',
    def: facilitiesForm,
    headers: { unit: 'ma', asOf: 'ngay', hasLoudspeaker: 'co_loa', bridgePoints: 'diem_cau' },
    key: unitAnd('asOf'),
    write: (db, v, c, actor, now) => {
      const input = toFacilitiesFigures(v, c);
      // The form's date check found figures in force that day; they cannot vanish inside the import.
      if (!input) throw new Error('facilities: no figures in force');
      return { outcome: writeFigures(db, input, actor, now).outcome, figuresOf: input.unitId };
    },
  },
} as const satisfies Record<string, ReportSpec>;

export type ReportImportKind = keyof typeof REPORT_SPECS;

export const REPORT_IMPORT_KINDS = Object.keys(REPORT_SPECS) as ReportImportKind[];

export const isReportImportKind = (k: string): k is ReportImportKind => Object.hasOwn(REPORT_SPECS, k);

/** `reports`: a workbook with one sheet per kind, named by the kind. */
export const ALL_REPORTS = 'reports';
export type ReportsTarget = ReportImportKind | typeof ALL_REPORTS;

export const isReportsTarget = (k: string): k is ReportsTarget => k === ALL_REPORTS || isReportImportKind(k);
