import { formatDate, formatNumber } from '../domain/vn.js';
import { atMost } from './common/checks.js';
import { figuresAt, MAX, type ReportContext } from './common/figures.js';
import { unitField, unitIdOf, unitInitial, unitYear, yearEnd } from './common/units.js';
import type { FormDef, Values } from './types.js';

/** How many of the unit's secretaries and heads have a personal action plan for a year (indicator 6). */

/** The count required, from the unit's figures in force at the end of that year (as the indicator reads them). */
const required = (v: Values, c: ReportContext) => figuresAt(v, c, yearEnd(v));

export const personalPlansForm: FormDef<ReportContext> = {
  id: 'ke_hoach_ca_nhan',
  title: 'Kế hoạch hành động cá nhân của bí thư, người đứng đầu',
  initial: unitInitial,
  fields: [
    unitField(),
    unitYear({ key: 'year', label: 'Năm', prompt: '📆 Báo cáo kế hoạch hành động cá nhân của năm nào?' }),
    {
      key: 'withPlan',
      label: 'Số đồng chí có kế hoạch',
      kind: 'count',
      max: MAX.reporters,
      prompt: (v, c) => {
        const f = required(v, c);
        const known = f
          ? `Theo số liệu ngày ${formatDate(f.asOf)}, đơn vị có ${formatNumber(f.personalPlanRequired)} đồng chí phải có kế hoạch.`
          : 'Chưa có số liệu về số đồng chí phải có kế hoạch.';
        return `👤 Năm ${v.year}, bao nhiêu đồng chí bí thư, người đứng đầu đã có kế hoạch hành động cá nhân?\n${known}`;
      },
      suggest: (v, c) => required(v, c)?.personalPlanRequired ?? null,
      suggestLabel: (n) => `Tất cả: ${n}`,
      validate: (n, v, c) => {
        const f = required(v, c);
        return f
          ? atMost(
              n,
              f.personalPlanRequired,
              'Số có kế hoạch',
              'số đồng chí phải có kế hoạch',
              `theo số liệu ngày ${formatDate(f.asOf)}`,
            )
          : null;
      },
    },
  ],
};

export const toPersonalPlans = (v: Values) => ({
  unitId: unitIdOf(v),
  year: Number(v.year),
  withPlan: Number(v.withPlan),
});

export const fromPersonalPlans = (r: ReturnType<typeof toPersonalPlans>): Values => ({
  unit: String(r.unitId),
  year: r.year,
  withPlan: r.withPlan,
});
