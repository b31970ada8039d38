import {
  actionPlans,
  awarenessSurveys,
  commendations,
  inspectionProgrammes,
  personalPlans,
  reporterTrainings,
} from '../schema.js';
import { filedRepository } from './filed.js';

/*
 * The report kinds other than the conference (domain.md "What gets reported"). The natural keys are the
 * tables' unique indexes: re-filing the same plan, year or body corrects the saved row; surveys and
 * commendations have no such key, so each one filed is a new row.
 */

type InputOf<T extends { $inferSelect: object }, K extends keyof T['$inferSelect']> = Pick<
  T['$inferSelect'],
  K
>;

export type ActionPlanInput = InputOf<typeof actionPlans, 'unitId' | 'documentId' | 'issuedOn'>;
export type PersonalPlansInput = InputOf<typeof personalPlans, 'unitId' | 'year' | 'withPlan'>;
export type InspectionProgrammeInput = InputOf<
  typeof inspectionProgrammes,
  'unitId' | 'year' | 'body' | 'approvedOn'
>;
export type ReporterTrainingInput = InputOf<
  typeof reporterTrainings,
  'unitId' | 'year' | 'heldOn' | 'trained'
>;
export type AwarenessSurveyInput = InputOf<
  typeof awarenessSurveys,
  'unitId' | 'heldOn' | 'surveyed' | 'aware'
>;
export type CommendationsInput = InputOf<
  typeof commendations,
  'unitId' | 'awardedOn' | 'collectives' | 'individuals' | 'note'
>;

const actionPlan = filedRepository<typeof actionPlans, ActionPlanInput>({
  table: actionPlans,
  entity: 'action_plan',
  key: ['unitId', 'documentId'],
  newest: actionPlans.issuedOn,
  stamped: true,
});
export const { save: saveActionPlan, get: getActionPlan, recent: recentActionPlans } = actionPlan;

const personal = filedRepository<typeof personalPlans, PersonalPlansInput>({
  table: personalPlans,
  entity: 'personal_plans',
  key: ['unitId', 'year'],
  newest: personalPlans.year,
  stamped: true,
});
export const { save: savePersonalPlans, get: getPersonalPlans, recent: recentPersonalPlans } = personal;

const inspection = filedRepository<typeof inspectionProgrammes, InspectionProgrammeInput>({
  table: inspectionProgrammes,
  entity: 'inspection_programme',
  key: ['unitId', 'year', 'body'],
  newest: inspectionProgrammes.year,
  stamped: true,
});
export const {
  save: saveInspectionProgramme,
  get: getInspectionProgramme,
  recent: recentInspectionProgrammes,
} = inspection;

const training = filedRepository<typeof reporterTrainings, ReporterTrainingInput>({
  table: reporterTrainings,
  entity: 'reporter_training',
  key: ['unitId', 'year'],
  newest: reporterTrainings.year,
  stamped: true,
});
export const {
  save: saveReporterTraining,
  get: getReporterTraining,
  recent: recentReporterTrainings,
} = training;

const survey = filedRepository<typeof awarenessSurveys, AwarenessSurveyInput>({
  table: awarenessSurveys,
  entity: 'awareness_survey',
  key: [],
  newest: awarenessSurveys.heldOn,
  stamped: true,
});
export const { save: saveAwarenessSurvey, get: getAwarenessSurvey, recent: recentAwarenessSurveys } = survey;

const commended = filedRepository<typeof commendations, CommendationsInput>({
  table: commendations,
  entity: 'commendation',
  key: [],
  newest: commendations.awardedOn,
  stamped: true,
});
export const { save: saveCommendations, get: getCommendations, recent: recentCommendations } = commended;
