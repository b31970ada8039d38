import { applies, fieldError } from './engine.js';
import { parseTyped } from './fields.js';
import type { FormContext, FormDef, Json, Values } from './types.js';

/*
 * A row of an import file checked as the chat form checks the same answers (docs/architecture.md, "Imports"):
 * each cell is the text typed for its question, read by the same parser and held to the same checks, in the
 * form's order, so a later question sees the earlier answers (present ≤ eligible, a training day in its year).
 * Pure: the context supplies units, documents and figures.
 */

export interface RowProblem {
  /** The field whose cell is wrong. */
  key: string;
  message: string;
}

export type RowChecked = { ok: true; values: Values } | { ok: false; problem: RowProblem };

const fail = (key: string, message: string): RowChecked => ({ ok: false, problem: { key, message } });

/**
 * `given`: answers already known (the unit, found by its code); `cells`: the other answers' text by field key.
 * A question the form would not ask (bridge points of a conference held in person) must be left empty or 0.
 */
export function checkRow<C extends FormContext>(
  def: FormDef<C>,
  cells: Readonly<Record<string, string>>,
  ctx: C,
  given: Values = {},
): RowChecked {
  const values: Values = {};
  for (const f of def.fields) {
    const cell = (cells[f.key] ?? '').trim();
    if (!applies(f, values, ctx)) {
      if (cell !== '' && cell !== '0') return fail(f.key, 'ô này không dùng cho dòng này: hãy để trống.');
      continue;
    }
    let value: Json;
    const known = given[f.key];
    if (known !== undefined) value = known;
    else if (cell === '') {
      if (f.kind !== 'text' || !f.optional) return fail(f.key, 'ô này không được để trống.');
      value = null;
    } else {
      const parsed = parseTyped(f, cell, values, ctx);
      if (!parsed.ok) return fail(f.key, parsed.error);
      value = parsed.value;
    }
    const problem = value === null ? null : fieldError(f, value, values, ctx);
    if (problem) return fail(f.key, problem);
    values[f.key] = value;
  }
  return { ok: true, values };
}
