import { INDICATOR_NAMES, INDICATORS, type IndicatorKey } from './indicators.js';
import { percent } from './progress-format.js';
import { type Parsed, preview } from './vn.js';

/** What an administrator types to set up a programme (đề án): shared by the CLI and the bot. */

/** `2` or `members_study` → the indicator. */
export function parseIndicatorRef(s: string): Parsed<IndicatorKey> {
  const t = s.trim();
  const byNumber = /^[1-7]$/.test(t) ? INDICATORS[Number(t) - 1] : undefined;
  const key = byNumber ?? INDICATORS.find((k) => k === t);
  return key
    ? { ok: true, value: key }
    : { ok: false, error: `"${preview(t)}" không phải chỉ tiêu: dùng số từ 1 đến 7.\n${indicatorList()}` };
}

export const indicatorList = () => INDICATORS.map((k, i) => `${i + 1}. ${INDICATOR_NAMES[k]}`).join('\n');

/** `90`, `90%`, `97,5` → 0.9, 0.975; from more than 0 to 100. */
export function parseTarget(s: string): Parsed<number> {
  const t = s.trim().replace(/%$/, '').replace(',', '.');
  const n = /^\d{1,3}(\.\d{1,2})?$/.test(t) ? Number(t) : Number.NaN;
  if (!(n > 0 && n <= 100))
    return { ok: false, error: `"${preview(s)}" không phải mục tiêu phần trăm (từ trên 0 đến 100).` };
  return { ok: true, value: Math.round(n * 100) / 10_000 };
}

/** `2023-2027` → the first and last day of those years. */
export function parseProgrammePeriod(s: string): Parsed<{ from: string; to: string }> {
  const m = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(s.trim());
  const [a, b] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || a < 2000 || b > 2100 || a > b) {
    return { ok: false, error: `"${preview(s)}" không phải giai đoạn: ghi dạng 2023-2027.` };
  }
  return { ok: true, value: { from: `${a}-01-01`, to: `${b}-12-31` } };
}

export function describeProgramme(
  p: { code: string; name: string; periodFrom: string; periodTo: string },
  targets: Partial<Record<IndicatorKey, number>>,
): string {
  const lines = INDICATORS.map((k, i) => {
    const t = targets[k];
    return `  ${i + 1}. ${INDICATOR_NAMES[k]}: ${t === undefined ? 'không đặt mục tiêu' : percent(t)}`;
  });
  return [`${p.code} (${p.periodFrom.slice(0, 4)}–${p.periodTo.slice(0, 4)}): ${p.name}`, ...lines].join(
    '\n',
  );
}
