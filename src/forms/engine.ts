import { display, fieldButtons, hint, parseTyped } from './fields.js';
import { T } from './texts.js';
import type {
  Button,
  Field,
  FormContext,
  FormDef,
  FormState,
  Input,
  Json,
  OutMessage,
  StepResult,
  Values,
} from './types.js';

/*
 * One engine for every guided conversation. It is a pure function of (definition, state, input, context):
 * it asks, validates, re-asks with the reason, goes back, cancels, shows a summary to confirm and lets the
 * user correct one field. Saving is the caller's: `submit` hands back the values.
 */

export const applies = <C extends FormContext>(f: Field<C>, v: Values, c: C) => f.when?.(v, c) ?? true;

export function fieldError<C extends FormContext>(
  f: Field<C>,
  value: Json,
  values: Values,
  ctx: C,
): string | null {
  switch (f.kind) {
    case 'date':
    case 'choice':
    case 'text':
      return f.validate?.(String(value), values, ctx) ?? null;
    case 'count':
    case 'year':
      return f.validate?.(Number(value), values, ctx) ?? null;
    default:
      return null;
  }
}

/** Drops answers to questions that no longer apply; returns the first question still to answer. */
function nextStep<C extends FormContext>(def: FormDef<C>, values: Values, ctx: C): string {
  for (const f of def.fields) {
    if (!applies(f, values, ctx)) {
      delete values[f.key];
      continue;
    }
    const v = values[f.key];
    if (v === undefined) return f.key;
    if (v !== null && fieldError(f, v, values, ctx) !== null) return f.key;
  }
  return 'confirm';
}

const controls = (): Button[] => [
  { label: T.back, action: 'b' },
  { label: T.cancel, action: 'x' },
];

function fieldOf<C extends FormContext>(def: FormDef<C>, key: string): Field<C> {
  const f = def.fields.find((x) => x.key === key);
  if (!f) throw new Error(`form ${def.id} has no field ${key}`);
  return f;
}

export function summary<C extends FormContext>(def: FormDef<C>, values: Values, ctx: C): string {
  const lines = def.fields
    .filter((f) => applies(f, values, ctx))
    .map((f) => `• ${f.label}: ${display(f, values[f.key], values, ctx)}`);
  return `${T.summaryHeader(def.title)}\n${lines.join('\n')}`;
}

/** The message for the current step; `problem` is the reason the last answer was refused. */
export function render<C extends FormContext>(
  def: FormDef<C>,
  state: FormState,
  ctx: C,
  problem?: string,
): OutMessage {
  const prefix = problem ? `${T.errorPrefix} ${problem}\n\n` : '';
  if (state.step === 'confirm') {
    return {
      text: prefix + summary(def, state.values, ctx),
      buttons: [[{ label: T.confirm, action: 'ok' }], [{ label: T.edit, action: 'ed' }], controls()],
    };
  }
  if (state.step === 'pick_edit') {
    const rows = def.fields
      .filter((f) => applies(f, state.values, ctx))
      .map((f) => [{ label: f.label, action: `e:${f.key}` }]);
    return { text: prefix + T.pickAField, buttons: [...rows, [{ label: T.toSummary, action: 'sum' }]] };
  }
  const f = fieldOf(def, state.step);
  const prompt = typeof f.prompt === 'string' ? f.prompt : f.prompt(state.values, ctx);
  const current = state.values[f.key];
  const parts = [
    prompt,
    f.kind === 'multi' && state.draft.length > 0
      ? T.multiSelected(display(f, state.draft, state.values, ctx))
      : null,
    current !== undefined && f.kind !== 'multi' ? T.current(display(f, current, state.values, ctx)) : null,
    f.kind === 'multi' ? T.multiHint : hint(f),
  ];
  return {
    text: prefix + parts.filter(Boolean).join('\n'),
    buttons: [...fieldButtons(f, state.values, ctx, state.draft), controls()],
  };
}

function go<C extends FormContext>(def: FormDef<C>, state: FormState, ctx: C, ack?: string): StepResult {
  const step = nextStep(def, state.values, ctx);
  const next: FormState = { ...state, step, draft: step === 'confirm' ? [] : toDraft(state.values[step]) };
  // A stored answer that a later correction made wrong (present > a lowered eligible) is asked again, with why.
  const stale = step === 'confirm' ? undefined : state.values[step];
  const problem =
    stale === undefined || stale === null
      ? undefined
      : (fieldError(fieldOf(def, step), stale, state.values, ctx) ?? undefined);
  return { kind: 'continue', state: next, messages: [render(def, next, ctx, problem)], ack };
}

const toDraft = (v: Json | undefined): string[] => (Array.isArray(v) ? v.map(String) : []);

export function startForm<C extends FormContext>(
  def: FormDef<C>,
  ctx: C,
  token: string,
  init: { values?: Values; meta?: Values } = {},
): StepResult {
  const state: FormState = {
    formId: def.id,
    token,
    step: '',
    values: { ...def.initial?.(ctx), ...init.values },
    history: [],
    draft: [],
    meta: { ...init.meta },
  };
  return go(def, state, ctx);
}

function reask<C extends FormContext>(
  def: FormDef<C>,
  state: FormState,
  ctx: C,
  problem: string,
): StepResult {
  return { kind: 'continue', state, messages: [render(def, state, ctx, problem)] };
}

function answer<C extends FormContext>(
  def: FormDef<C>,
  state: FormState,
  ctx: C,
  value: Json,
  ack?: string,
): StepResult {
  const f = fieldOf(def, state.step);
  const values = { ...state.values, [f.key]: value };
  const problem = value === null ? null : fieldError(f, value, values, ctx);
  if (problem) return reask(def, state, ctx, problem);
  const history = [...state.history.filter((k) => k !== f.key), f.key];
  return go(def, { ...state, values, history }, ctx, ack);
}

function back<C extends FormContext>(def: FormDef<C>, state: FormState, ctx: C): StepResult {
  const history = [...state.history];
  const target = history.pop();
  if (target === undefined) return reask(def, state, ctx, T.firstQuestion);
  const values = { ...state.values };
  // Stepping back over a question un-answers it, so the form walks forward through it again.
  if (state.step !== 'confirm' && state.step !== 'pick_edit') delete values[state.step];
  const next: FormState = { ...state, values, history, step: target, draft: toDraft(values[target]) };
  return { kind: 'continue', state: next, messages: [render(def, next, ctx)] };
}

function onButton<C extends FormContext>(
  def: FormDef<C>,
  state: FormState,
  ctx: C,
  action: string,
): StepResult {
  const [verb = '', arg = ''] = splitAction(action);
  if (verb === 'x') return { kind: 'cancelled', messages: [{ text: T.cancelled, buttons: [] }] };
  if (verb === 'b') return back(def, state, ctx);
  if (state.step === 'confirm') {
    if (verb === 'ok') return { kind: 'submit', state, values: state.values };
    if (verb === 'ed') return show(def, { ...state, step: 'pick_edit' }, ctx);
    return reask(def, state, ctx, T.pressAButton);
  }
  if (state.step === 'pick_edit') {
    if (verb === 'sum') return show(def, { ...state, step: 'confirm' }, ctx);
    if (verb === 'e' && def.fields.some((f) => f.key === arg && applies(f, state.values, ctx))) {
      return show(def, { ...state, step: arg, draft: toDraft(state.values[arg]) }, ctx);
    }
    return { kind: 'stale' };
  }
  return onFieldButton(def, state, ctx, verb, arg);
}

function onFieldButton<C extends FormContext>(
  def: FormDef<C>,
  state: FormState,
  ctx: C,
  verb: string,
  arg: string,
): StepResult {
  const f = fieldOf(def, state.step);
  if (f.kind === 'date' && verb === 'd' && (arg === '0' || arg === '1')) {
    const r = parseTyped(f, arg === '0' ? 'hôm nay' : 'hôm qua', state.values, ctx);
    return r.ok
      ? answer(def, state, ctx, r.value, arg === '0' ? T.today : T.yesterday)
      : reask(def, state, ctx, r.error);
  }
  if (f.kind === 'count' && verb === 's') {
    const s = f.suggest?.(state.values, ctx);
    if (s != null) return answer(def, state, ctx, s, String(s));
  }
  if (f.kind === 'choice' && verb === 'v') {
    const o = f.options(state.values, ctx).find((x) => x.value === arg);
    if (o) return answer(def, state, ctx, o.value, o.label);
  }
  if (f.kind === 'year' && verb === 'yr') {
    // The same checks as a typed year: a button kept from last December is refused in January's range.
    const r = parseTyped(f, arg, state.values, ctx);
    return r.ok ? answer(def, state, ctx, r.value, arg) : reask(def, state, ctx, r.error);
  }
  if (f.kind === 'yesno' && (verb === 'y' || verb === 'n'))
    return answer(def, state, ctx, verb === 'y', verb === 'y' ? T.yes : T.no);
  if (f.kind === 'text' && f.optional && verb === 'sk') return answer(def, state, ctx, null, T.skip);
  if (
    f.kind === 'multi' &&
    verb === 'm' &&
    f.options(state.values, ctx, state.draft).some((o) => o.value === arg)
  ) {
    const draft = state.draft.includes(arg) ? state.draft.filter((d) => d !== arg) : [...state.draft, arg];
    const next = { ...state, draft };
    return { kind: 'continue', state: next, messages: [{ ...render(def, next, ctx), replace: true }] };
  }
  if (f.kind === 'multi' && verb === 'md') {
    if (state.draft.length === 0) return reask(def, state, ctx, f.emptyError);
    return answer(def, state, ctx, [...state.draft], display(f, state.draft, state.values, ctx));
  }
  // A button of an earlier question of this same form: not an answer to this one.
  return { kind: 'stale' };
}

function show<C extends FormContext>(def: FormDef<C>, state: FormState, ctx: C): StepResult {
  return { kind: 'continue', state, messages: [render(def, state, ctx)] };
}

function splitAction(action: string): [string, string] {
  const i = action.indexOf(':');
  return i < 0 ? [action, ''] : [action.slice(0, i), action.slice(i + 1)];
}

/** Feeds one input to a form in progress. */
export function step<C extends FormContext>(
  def: FormDef<C>,
  state: FormState,
  input: Input,
  ctx: C,
): StepResult {
  if (input.type === 'button') {
    if (input.token !== state.token) return { kind: 'stale' };
    return onButton(def, state, ctx, input.action);
  }
  if (state.step === 'confirm' || state.step === 'pick_edit') return reask(def, state, ctx, T.pressAButton);
  if (input.type === 'other') return reask(def, state, ctx, T.notText);
  const f = fieldOf(def, state.step);
  const r = parseTyped(f, input.text, state.values, ctx);
  return r.ok ? answer(def, state, ctx, r.value) : reask(def, state, ctx, r.error);
}
