import type { ReportContext } from '../../src/forms/common/figures.js';
import type { Values } from '../../src/forms/types.js';
import { conferenceCtx, type FormDriver } from './harness.js';

/** Unit 7 (Thanh Mai, from 01/07/2025) has figures; unit 8 (Tân Kỳ) has none. Today is 28/11/2026. */
export const reportCtx = (over: Partial<ReportContext> = {}): ReportContext => conferenceCtx(over);

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
