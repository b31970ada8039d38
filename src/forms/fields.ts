import {
  foldVietnamese,
  formatDate,
  formatNumber,
  type Parsed,
  parseCount,
  parseVnDate,
  parseYear,
} from '../domain/vn.js';
import { T } from './texts.js';
import type { Button, Field, FormContext, Json, Option, Values } from './types.js';

/*
 * Per kind of field: the hint under the question, its buttons, how typed text becomes a value,
 * and how a value is shown back in the summary.
 */

const MAX_INPUT = 4096;
// Control characters other than tab and newline have no place in a report.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hint<C extends FormContext>(field: Field<C>): string | null {
  switch (field.kind) {
    case 'date':
      return T.hintDate;
    case 'count':
      return T.hintCount;
    case 'text':
      return T.hintText(formatNumber(field.maxLength));
    case 'year':
      return T.hintYear;
    default:
      return null;
  }
}

export function fieldButtons<C extends FormContext>(
  field: Field<C>,
  values: Values,
  ctx: C,
  draft: readonly string[],
): Button[][] {
  switch (field.kind) {
    case 'date':
      return [
        [
          { label: T.today, action: 'd:0' },
          { label: T.yesterday, action: 'd:1' },
        ],
      ];
    case 'count': {
      const s = field.suggest?.(values, ctx);
      const label = field.suggestLabel ?? T.useSuggestion;
      return s == null ? [] : [[{ label: label(formatNumber(s)), action: 's' }]];
    }
    case 'year': {
      const y = thisYear(ctx);
      const next = (field.ahead ?? 0) > 0 ? [{ label: T.nextYear(y + 1), action: `yr:${y + 1}` }] : [];
      return [
        [
          { label: T.thisYear(y), action: `yr:${y}` },
          { label: T.lastYear(y - 1), action: `yr:${y - 1}` },
          ...next,
        ],
      ];
    }
    case 'choice':
      return field.options(values, ctx).map((o) => [{ label: o.label, action: `v:${o.value}` }]);
    case 'multi': {
      const rows = field
        .options(values, ctx, draft)
        .map((o) => [
          { label: `${draft.includes(o.value) ? '☑️' : '⬜'} ${o.label}`, action: `m:${o.value}` },
        ]);
      return [...rows, [{ label: T.done, action: 'md' }]];
    }
    case 'yesno':
      return [
        [
          { label: T.yes, action: 'y' },
          { label: T.no, action: 'n' },
        ],
      ];
    case 'text':
      return field.optional ? [[{ label: T.skip, action: 'sk' }]] : [];
  }
}

/** Typed text → a value for the field, or the reason it is refused. */
export function parseTyped<C extends FormContext>(
  field: Field<C>,
  raw: string,
  values: Values,
  ctx: C,
): Parsed<Json> {
  if (raw.length > MAX_INPUT) return { ok: false, error: T.tooLong(formatNumber(MAX_INPUT)) };
  if (CONTROL.test(raw)) return { ok: false, error: T.invalidControl };
  const text = raw.trim();
  switch (field.kind) {
    case 'date': {
      const r = parseVnDate(text, ctx.today);
      if (!r.ok) return r;
      if (r.value > ctx.today) return { ok: false, error: T.futureDate };
      return r;
    }
    case 'count': {
      const r = parseCount(text, field.max);
      if (r.ok && field.min !== undefined && r.value < field.min) {
        return { ok: false, error: T.tooSmall(formatNumber(field.min)) };
      }
      return r;
    }
    case 'choice': {
      if (field.parseText) return field.parseText(text, values, ctx);
      const options = field.options(values, ctx);
      const hit = matchOption(options, text);
      return hit
        ? { ok: true, value: hit.value }
        : { ok: false, error: T.unknownChoice(options.map((o) => o.label).join(', ')) };
    }
    case 'multi': {
      const r = field.parseText(text, values, ctx);
      if (r.ok && r.value.length === 0) return { ok: false, error: field.emptyError };
      return r;
    }
    case 'yesno': {
      const f = foldVietnamese(text);
      if (['co', 'c', 'yes', 'y', '1', 'dung', 'roi'].includes(f)) return { ok: true, value: true };
      if (['khong', 'k', 'ko', 'no', 'n', '0', 'chua'].includes(f)) return { ok: true, value: false };
      return { ok: false, error: T.yesNoExpected };
    }
    case 'year':
      return parseYear(text, thisYear(ctx), thisYear(ctx) + (field.ahead ?? 0));
    case 'text': {
      if (text === '') return { ok: false, error: T.emptyText };
      if ([...text].length > field.maxLength)
        return { ok: false, error: T.tooLong(formatNumber(field.maxLength)) };
      return { ok: true, value: text };
    }
  }
}

const thisYear = (ctx: FormContext) => Number(ctx.today.slice(0, 4));

function matchOption(options: Option[], text: string): Option | undefined {
  const f = foldVietnamese(text);
  return (
    options.find((o) => foldVietnamese(o.label) === f || foldVietnamese(o.value) === f) ??
    (f.length >= 3 ? single(options.filter((o) => foldVietnamese(o.label).includes(f))) : undefined)
  );
}

const single = <T>(xs: T[]): T | undefined => (xs.length === 1 ? xs[0] : undefined);

/** How a stored value reads in the summary. */
export function display<C extends FormContext>(
  field: Field<C>,
  value: Json | undefined,
  values: Values,
  ctx: C,
): string {
  if (value === undefined || value === null) return T.noneValue;
  switch (field.kind) {
    case 'date':
      return formatDate(String(value));
    case 'count':
      return formatNumber(Number(value));
    case 'choice':
      return field.options(values, ctx).find((o) => o.value === value)?.label ?? String(value);
    case 'multi': {
      const selected = (value as string[]).map(String);
      const opts = field.options(values, ctx, selected);
      return selected.map((v) => opts.find((o) => o.value === v)?.label ?? v).join('; ');
    }
    case 'yesno':
      return value ? T.yes : T.no;
    case 'year':
    case 'text':
      return String(value);
  }
}
