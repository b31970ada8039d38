/*
 * Vietnamese conventions: what people type and how numbers and dates are written.
 * Pure: no clock (today is a parameter), no I/O.
 */
import { TZDate } from '@date-fns/tz';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** Lower case without diacritics: `Hôm Nay` → `hom nay`, `Đảng` → `dang`. */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ' ');
}

/**
 * A whole, non-negative count: `1250`, `1.250`, `1 250`. `12,5` is a decimal (Vietnamese comma), refused.
 */
export function parseCount(input: string, max = 1_000_000): Parsed<number> {
  const s = input.trim();
  if (s === '') return fail('Chưa nhập số.');
  if (/^-\s*\d/.test(s)) return fail('Số không được âm.');
  if (/^\d+,\d+$/.test(s)) return fail('Cần một số nguyên (không có phần thập phân).');
  const grouped = /^\d{1,3}([. ]\d{3})+$/.test(s);
  if (!grouped && !/^\d+$/.test(s)) return fail(`"${preview(s)}" không phải là một số.`);
  const n = Number(s.replace(/[. ]/g, ''));
  if (!Number.isSafeInteger(n)) return fail(`"${preview(s)}" không phải là một số.`);
  if (n > max) return fail(`Số quá lớn (tối đa ${formatNumber(max)}).`);
  return ok(n);
}

/** A shortened echo of what the user typed, for an error message. */
export function preview(s: string, max = 20): string {
  const chars = [...s.replace(/\s+/g, ' ')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** Reports are about this century: an earlier year is a typing mistake. */
export const MIN_YEAR = 2000;

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Adds days to an ISO calendar date. */
export function addDaysIso(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * A calendar date as typed: `22/9/2022`, `22-09-2022`, `22.9.2022`, `22/9` (this year),
 * `hôm nay`, `hôm qua` (with or without diacritics). `today` is ISO `yyyy-MM-dd`.
 * Returns ISO `yyyy-MM-dd`.
 */
export function parseVnDate(input: string, today: string, minYear = MIN_YEAR): Parsed<string> {
  const folded = foldVietnamese(input);
  if (folded === '') return fail('Chưa nhập ngày.');
  if (folded === 'hom nay') return ok(today);
  if (folded === 'hom qua') return ok(addDaysIso(today, -1));
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2}|\d{4}))?$/.exec(folded);
  if (!m) return fail(`"${preview(input)}" không phải là ngày (ví dụ 22/9/2022).`);
  const day = Number(m[1]);
  const month = Number(m[2]);
  let year = m[3] === undefined ? Number(today.slice(0, 4)) : Number(m[3]);
  if (m[3]?.length === 2) year += 2000;
  if (!isRealDate(year, month, day)) {
    return fail(`Ngày ${pad2(day)}/${pad2(month)}/${year} không có thật.`);
  }
  if (year < minYear) return fail(`Năm ${year} quá xa: chỉ nhận ngày từ năm ${minYear}.`);
  return ok(isoDate(year, month, day));
}

/** `2024`, `năm 2024`, `năm nay`, `năm trước` / `năm ngoái`; within MIN_YEAR..max. */
export function parseYear(input: string, thisYear: number, max: number): Parsed<number> {
  const f = foldVietnamese(input).replace(/^nam\s*/, '');
  const named = f === 'nay' ? thisYear : f === 'truoc' || f === 'ngoai' ? thisYear - 1 : null;
  const y = named ?? (/^\d{4}$/.test(f) ? Number(f) : null);
  if (y === null) return fail(`"${preview(input)}" không phải là một năm (ví dụ 2025).`);
  if (y < MIN_YEAR || y > max) return fail(`Năm phải từ ${MIN_YEAR} đến ${max}.`);
  return ok(y);
}

/** The Party was founded on 3/2/1930: no unit, document or figure of ours is older. */
const FIRST_YEAR = 1930;

/** A date from an import file: strictly `dd/mm/yyyy` (or with `-`/`.`), no words, no missing year. */
export function parseStrictDate(input: string): Parsed<string> {
  const s = input.trim();
  if (!/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(s))
    return fail(`"${preview(s)}" không đúng dạng ngày dd/mm/yyyy.`);
  return parseVnDate(s, '2000-01-01', FIRST_YEAR);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `39000` → `39.000`. */
export function formatNumber(n: number, fractionDigits = 0): string {
  const fixed = Math.abs(n).toFixed(fractionDigits);
  const [int = '0', frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** A wait, rounded up to the minute: `5 phút`, `2 giờ`, `1 giờ 30 phút`. */
export function formatWait(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes} phút`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} giờ${rest ? ` ${rest} phút` : ''}`;
}

/** `0.9755` → `97,55%`; trailing zeros of the fraction are kept to the given digits. */
export function formatPercent(ratio: number, fractionDigits = 1): string {
  return `${formatNumber(ratio * 100, fractionDigits)}%`;
}

/** ISO `2022-09-22` → `22/09/2022`. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** ISO `2022-09-22` → `ngày 22 tháng 9 năm 2022`. */
export function formatDateLong(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/**
 * `now` on the wall clocks of `timeZone` (TIMEZONE): its getFullYear, getDate, getDay, getHours… are that zone's.
 * The one reading of a time zone in the bot (date-fns's TZDate): today's date, the scheduler's hour and weekday,
 * a backup's time stamp.
 */
export const inZone = (now: Date, timeZone: string): TZDate => new TZDate(now.getTime(), timeZone);

/** Minutes since midnight on the wall clocks of `timeZone`. */
export function minuteOfDayIn(now: Date, timeZone: string): number {
  const t = inZone(now, timeZone);
  return t.getHours() * 60 + t.getMinutes();
}

/**
 * Per zone, the last answer and the quarter hour it holds for: every zone's offset is a whole number of quarter
 * hours, so the date cannot change inside one; the bot asks several times per update.
 */
const lastDays = new Map<string, { quarter: number; iso: string }>();
const QUARTER_MS = 15 * 60 * 1000;

/** The calendar date of an instant in a time zone, as ISO `yyyy-MM-dd`. */
export function isoDateIn(now: Date, timeZone: string): string {
  const quarter = Math.floor(now.getTime() / QUARTER_MS);
  const last = lastDays.get(timeZone);
  if (last?.quarter === quarter) return last.iso;
  const t = inZone(now, timeZone);
  const iso = `${t.getFullYear()}-${pad2(t.getMonth() + 1)}-${pad2(t.getDate())}`;
  if (Number.isFinite(quarter)) lastDays.set(timeZone, { quarter, iso });
  return iso;
}
