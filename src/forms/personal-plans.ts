import type { ReportContext } from './common/figures.js';
import { partOfFigure } from './common/part-of-figure.js';
import { unitField, unitIdOf, unitInitial, unitYear, valuesOfRow } from './common/units.js';
import type { FormDef, Values } from './types.js';

/** How many of the unit's secretaries and heads have a personal action plan for a year (indicator 6). */
export const personalPlansForm: FormDef<ReportContext> = {
  id: 'ke_hoach_ca_nhan',
  title: 'Kế hoạch hành động cá nhân của bí thư, người đứng đầu',
  initial: unitInitial,
  fields: [
    unitField(),
    unitYear({ key: 'year', label: 'Năm', prompt: '📆 Báo cáo kế hoạch hành động cá nhân của năm nào?' }),
    partOfFigure({
      key: 'withPlan',
      label: 'Số đồng chí có kế hoạch',
      figure: 'personalPlanRequired',
      question: (y) =>
        `👤 Năm ${y}, bao nhiêu đồng chí bí thư, người đứng đầu đã có kế hoạch hành động cá nhân?`,
      whole: (n) => `${n} đồng chí phải có kế hoạch`,
      unknown: 'Chưa có số liệu về số đồng chí phải có kế hoạch.',
      what: 'Số có kế hoạch',
      ofWhat: 'số đồng chí phải có kế hoạch',
    }),
  ],
};

export const toPersonalPlans = (v: Values) => ({
  unitId: unitIdOf(v),
  year: Number(v.year),
  withPlan: Number(v.withPlan),
});

export const fromPersonalPlans: (r: ReturnType<typeof toPersonalPlans>) => Values = valuesOfRow;
