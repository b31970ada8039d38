import { actionPlanDue } from '../../db/repositories/deadline-settings.js';
import { saveFigures } from '../../db/repositories/figures.js';
import {
  saveActionPlan,
  saveAwarenessSurvey,
  saveCommendations,
  saveInspectionProgramme,
  savePersonalPlans,
  saveReporterTraining,
} from '../../db/repositories/filed-reports.js';
import { actionPlanForm, toActionPlan } from '../../forms/action-plan.js';
import { awarenessSurveyForm, toAwarenessSurvey } from '../../forms/awareness-survey.js';
import { commendationsForm, toCommendations } from '../../forms/commendations.js';
import { documentLabel, documentOf } from '../../forms/common/documents.js';
import { figuresAt } from '../../forms/common/figures.js';
import { yearEnd } from '../../forms/common/units.js';
import { facilitiesBlocked, facilitiesForm, toFacilitiesFigures } from '../../forms/facilities.js';
import { inspectionProgrammeForm, toInspectionProgramme } from '../../forms/inspection-programme.js';
import { personalPlansForm, toPersonalPlans } from '../../forms/personal-plans.js';
import { reporterTrainingForm, toReporterTraining } from '../../forms/reporter-training.js';
import { toFiguresRow, unitFiguresForm } from '../../forms/unit-figures.js';
import { M } from '../messages.js';
import { R } from '../report-messages.js';
import { filedFlow } from './report-flow.js';

/*
 * Each report kind's "Xác nhận": save the row, answer with the key number. The figures a count is
 * measured against are the ones the form offered (year-end figures), read in the same transaction.
 */

export const actionPlanFlow = filedFlow(
  'ke_hoach_hanh_dong',
  actionPlanForm,
  (v, { db, unit, formCtx, actor, now }) => {
    const r = saveActionPlan(db, toActionPlan(v), actor, now);
    const doc = documentOf(v, formCtx);
    const due = actionPlanDue(db, r.row.unitId, r.row.documentId);
    return R.actionPlan(r.outcome, unit.name, doc ? documentLabel(doc) : '', r.row.issuedOn, due);
  },
  (c) => (c.recentDocuments.length === 0 ? M.noDocuments : null),
);

export const personalPlansFlow = filedFlow('ke_hoach_ca_nhan', personalPlansForm, (v, f) => {
  const r = savePersonalPlans(f.db, toPersonalPlans(v), f.actor, f.now);
  const required = figuresAt(v, f.formCtx, yearEnd(v))?.personalPlanRequired ?? null;
  return R.personalPlans(r.outcome, f.unit.name, r.row.year, r.row.withPlan, required);
});

export const inspectionFlow = filedFlow('kiem_tra_giam_sat', inspectionProgrammeForm, (v, f) => {
  const { outcome, row } = saveInspectionProgramme(f.db, toInspectionProgramme(v), f.actor, f.now);
  return R.inspection(outcome, f.unit.name, row.year, row.body, row.approvedOn);
});

export const trainingFlow = filedFlow('tap_huan_bcv', reporterTrainingForm, (v, f) => {
  const { outcome, row } = saveReporterTraining(f.db, toReporterTraining(v), f.actor, f.now);
  const reporters = figuresAt(v, f.formCtx, yearEnd(v))?.reporters ?? null;
  return R.training(outcome, f.unit.name, row.year, row.trained, reporters);
});

export const surveyFlow = filedFlow('khao_sat', awarenessSurveyForm, (v, f) => {
  const { outcome, row } = saveAwarenessSurvey(f.db, toAwarenessSurvey(v), f.actor, f.now);
  return R.survey(outcome, f.unit.name, row.heldOn, row.aware, row.surveyed);
});

export const commendationsFlow = filedFlow('khen_thuong', commendationsForm, (v, f) => {
  const { outcome, row } = saveCommendations(f.db, toCommendations(v), f.actor, f.now);
  return R.commendations(outcome, f.unit.name, row.awardedOn, row.collectives, row.individuals);
});

export const figuresFlow = filedFlow('so_lieu', unitFiguresForm, (v, f) => {
  const { outcome, row } = saveFigures(f.db, toFiguresRow(v, f.formCtx), f.actor, f.now);
  return R.figures(outcome, f.unit.name, row);
});

export const facilitiesFlow = filedFlow(
  'co_so_vat_chat',
  facilitiesForm,
  (v, f) => {
    const base = figuresAt(v, f.formCtx, typeof v.asOf === 'string' ? v.asOf : null);
    const input = toFacilitiesFigures(v, f.formCtx);
    if (!base || !input) return R.figuresGone;
    const { outcome, row } = saveFigures(f.db, input, f.actor, f.now);
    return R.facilities(outcome, f.unit.name, row, base.asOf);
  },
  facilitiesBlocked,
);
