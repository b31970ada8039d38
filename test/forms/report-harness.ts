import type { Figures, ReportContext } from '../../src/forms/common/figures.js';
import type { Values } from '../../src/forms/types.js';
import { conferenceCtx, type FormDriver } from './harness.js';

/** Thanh Mai's figures as of 01/07/2025: 130 members, 4 exempt, 5 reporters, 20 who must keep a personal plan. */
export const THANH_MAI: Figures = {
  asOf: '2025-07-01',
  partyMembers: 130,
  exemptMembers: 4,
  reporters: 5,
  personalPlanRequired: 20,
  hasLoudspeaker: true,
  bridgePoints: 1,
};

/** Unit 7 (Thanh Mai, from 01/07/2025) has figures; unit 8 (Tân Kỳ) has none. Today is 28/11/2026. */
export function reportCtx(over: Partial<ReportContext> = {}): ReportContext {
  return {
    ...conferenceCtx(),
    figuresOn: (unitId, day) => (unitId === 7 && day >= THANH_MAI.asOf ? THANH_MAI : null),
    ...over,
  };
}

export const twoUnits = () =>
  reportCtx({
    units: [
      { id: 7, name: 'Đảng ủy xã Thanh Mai', validFrom: '2025-07-01', validTo: null },
      { id: 8, name: 'Đảng ủy xã Tân Kỳ', validFrom: '2025-07-01', validTo: null },
    ],
  });

/** Presses "Xác nhận" on the summary and returns the values the form hands over. */
export function submitted(f: FormDriver<ReportContext>): Values {
  const r = f.press('✅ Xác nhận');
  if (r.kind !== 'submit') throw new Error(`not submitted: ${r.kind}`);
  return r.values;
}
