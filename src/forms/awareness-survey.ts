import { atMost } from './common/checks.js';
import { MAX, type ReportContext } from './common/figures.js';
import { unitDate, unitField, unitIdOf, unitInitial, valuesOfRow } from './common/units.js';
import type { FormDef, Values } from './types.js';

/** A survey of how many union members, association members and people know the resolutions (indicator 3). */
export const awarenessSurveyForm: FormDef<ReportContext> = {
  id: 'khao_sat',
  title: 'Khảo sát mức độ nắm bắt nghị quyết',
  initial: unitInitial,
  fields: [
    unitField(),
    unitDate({ key: 'heldOn', label: 'Ngày khảo sát', prompt: '📅 Cuộc khảo sát kết thúc ngày nào?' }),
    {
      key: 'surveyed',
      label: 'Số người được khảo sát',
      kind: 'count',
      min: 1,
      max: MAX.people,
      prompt: '📋 Bao nhiêu người (đoàn viên, hội viên, nhân dân) được khảo sát?',
    },
    {
      key: 'aware',
      label: 'Số người nắm được',
      kind: 'count',
      max: MAX.people,
      prompt: '✅ Trong số đó, bao nhiêu người nắm được nội dung cơ bản của nghị quyết?',
      validate: (n, v) => atMost(n, v.surveyed, 'Số người nắm được', 'số người được khảo sát'),
    },
  ],
};

export const toAwarenessSurvey = (v: Values) => ({
  unitId: unitIdOf(v),
  heldOn: String(v.heldOn),
  surveyed: Number(v.surveyed),
  aware: Number(v.aware),
});

export const fromAwarenessSurvey: (r: ReturnType<typeof toAwarenessSurvey>) => Values = valuesOfRow;
