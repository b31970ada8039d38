import { REPORT_KINDS, type ReportKind } from '../../domain/report-kinds.js';
import { conferenceFlow } from './conference.js';
import {
  actionPlanFlow,
  commendationsFlow,
  facilitiesFlow,
  figuresFlow,
  inspectionFlow,
  personalPlansFlow,
  surveyFlow,
  trainingFlow,
} from './filed-flows.js';
import type { ReportFlow } from './report-flow.js';

// Each flow has its own context type; the registry holds them all, as runner.ts's AnyFlow does.
// biome-ignore lint/suspicious/noExplicitAny: a registry of flows over different context types
type AnyReportFlow = ReportFlow<any>;

/** Every kind has its flow (the type says so); the form id is the kind. */
const BY_KIND: Record<ReportKind, AnyReportFlow> = {
  hoi_nghi: conferenceFlow,
  ke_hoach_hanh_dong: actionPlanFlow,
  ke_hoach_ca_nhan: personalPlansFlow,
  kiem_tra_giam_sat: inspectionFlow,
  tap_huan_bcv: trainingFlow,
  khao_sat: surveyFlow,
  khen_thuong: commendationsFlow,
  co_so_vat_chat: facilitiesFlow,
  so_lieu: figuresFlow,
};

/** In the order /baocao offers them. */
export const REPORT_FLOWS: readonly AnyReportFlow[] = (Object.keys(REPORT_KINDS) as ReportKind[]).map(
  (k) => BY_KIND[k],
);

export const flowOfKind = (kind: string): AnyReportFlow | undefined =>
  REPORT_FLOWS.find((f) => f.kind === kind);
