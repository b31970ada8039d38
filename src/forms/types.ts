import type { Parsed } from '../domain/vn.js';

/*
 * The form engine's vocabulary. It knows nothing of Telegram: input is text or a pressed button,
 * output is messages with buttons. A channel adapter renders them (Telegram now, a web chat later).
 */

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type Values = Record<string, Json>;

export interface Button {
  label: string;
  /** Engine-level action; the adapter adds the form token so an old form's button is recognised. */
  action: string;
}

export interface OutMessage {
  text: string;
  buttons: Button[][];
  /** Replace the message whose button was pressed instead of sending a new one (multi-choice toggles). */
  replace?: boolean;
}

export type Input =
  | { type: 'text'; text: string }
  | { type: 'button'; token: string; action: string }
  /** A photo, a sticker, a voice note...: anything that is not text. */
  | { type: 'other' };

export interface Option {
  value: string;
  label: string;
}

/** Everything a form needs to know about the world; `today` is ISO `yyyy-MM-dd` in the office's time zone. */
export interface FormContext {
  today: string;
}

type Fn<C, T> = (values: Values, ctx: C) => T;

interface FieldBase<C> {
  key: string;
  /** Short name in the summary and the "which field to correct" list. */
  label: string;
  prompt: string | Fn<C, string>;
  /** The field is asked only when this holds; otherwise its value is dropped. */
  when?: Fn<C, boolean>;
}

export type Field<C> = FieldBase<C> &
  (
    | { kind: 'date'; validate?: (iso: string, values: Values, ctx: C) => string | null }
    | {
        kind: 'count';
        max: number;
        min?: number;
        /** A value to offer with one button, e.g. the unit's current figure. */
        suggest?: Fn<C, number | null>;
        /** The button's words for the suggestion (default "Dùng số hiện có: N"); gets N formatted. */
        suggestLabel?: (n: string) => string;
        validate?: (n: number, values: Values, ctx: C) => string | null;
      }
    | {
        kind: 'choice';
        options: Fn<C, Option[]>;
        /** Typed answer when labels are not what people type, e.g. a document number `35`. */
        parseText?: (text: string, values: Values, ctx: C) => Parsed<string>;
        validate?: (value: string, values: Values, ctx: C) => string | null;
      }
    | {
        /** A calendar year: buttons for this year and last year (and next, with `ahead`), or typed `2024`. */
        kind: 'year';
        /** How many years after this one may be chosen (0 unless planning ahead makes sense). */
        ahead?: number;
        validate?: (year: number, values: Values, ctx: C) => string | null;
      }
    | {
        kind: 'multi';
        options: (values: Values, ctx: C, selected: readonly string[]) => Option[];
        /** Typed answer, e.g. document numbers `35, 57`; returns the chosen option values. */
        parseText: (text: string, values: Values, ctx: C) => Parsed<string[]>;
        emptyError: string;
      }
    | { kind: 'yesno' }
    | {
        kind: 'text';
        maxLength: number;
        optional: boolean;
        validate?: (text: string, values: Values, ctx: C) => string | null;
      }
  );

export interface FormDef<C extends FormContext> {
  id: string;
  title: string;
  fields: Field<C>[];
  /** Answers known before asking, e.g. the unit when the user has only one. */
  initial?: (ctx: C) => Values;
}

export type Step = string | 'confirm' | 'pick_edit';

export interface FormState {
  formId: string;
  token: string;
  step: Step;
  values: Values;
  /** Fields answered, in order: "back" walks it. */
  history: string[];
  /** Options ticked so far in a multi-choice question. */
  draft: string[];
  /** Caller's data carried with the form, e.g. the id of a report being corrected. */
  meta: Values;
}

export type StepResult =
  | { kind: 'continue'; state: FormState; messages: OutMessage[]; ack?: string }
  | { kind: 'submit'; state: FormState; values: Values }
  | { kind: 'cancelled'; messages: OutMessage[] }
  /** A button from another (older or finished) form. */
  | { kind: 'stale' };
