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
 * The report kinds other than the conference (docs/domain.md, "Who files what"). The natural keys are the
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

export const {
  save: saveActionPlan,
  write: writeActionPlan,
  get: getActionPlan,
  recent: recentActionPlans,
} = filedRepository<typeof actionPlans, ActionPlanInput>(
  actionPlans,
  'action_plan',
  ['unitId', 'documentId'],
  actionPlans.issuedOn,
);

export const {
  save: savePersonalPlans,
  write: writePersonalPlans,
  get: getPersonalPlans,
  recent: recentPersonalPlans,
} = filedRepository<typeof personalPlans, PersonalPlansInput>(
  personalPlans,
  'personal_plans',
  ['unitId', 'year'],
  personalPlans.year,
);

export const {
  save: saveInspectionProgramme,
  write: writeInspectionProgramme,
  get: getInspectionProgramme,
  recent: recentInspectionProgrammes,
} = filedRepository<typeof inspectionProgrammes, InspectionProgrammeInput>(
  inspectionProgrammes,
  'inspection_programme',
  ['unitId', 'year', 'body'],
  inspectionProgrammes.year,
);

export const {
  save: saveReporterTraining,
  write: writeReporterTraining,
  get: getReporterTraining,
  recent: recentReporterTrainings,
} = filedRepository<typeof reporterTrainings, ReporterTrainingInput>(
  reporterTrainings,
  'reporter_training',
  ['unitId', 'year'],
  reporterTrainings.year,
);

export const {
  save: saveAwarenessSurvey,
  get: getAwarenessSurvey,
  recent: recentAwarenessSurveys,
} = filedRepository<typeof awarenessSurveys, AwarenessSurveyInput>(
  awarenessSurveys,
  'awareness_survey',
  [],
  awarenessSurveys.heldOn,
);

export const {
  save: saveCommendations,
  get: getCommendations,
  recent: recentCommendations,
} = filedRepository<typeof commendations, CommendationsInput>(
  commendations,
  'commendation',
  [],
  commendations.awardedOn,
);
