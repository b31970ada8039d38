import { randomBytes } from 'node:crypto';
import { dropForm, formKey, loadForm, saveForm } from '../../db/repositories/forms.js';
import { render, startForm, step } from '../../forms/engine.js';
import type { FormContext, FormDef, FormState, Input, Values } from '../../forms/types.js';
import type { BotContext } from '../context.js';
import { M } from '../messages.js';
import { answerPress, closeAnsweredMessage, sendFormMessages } from './render.js';

/** A form as the bot runs it: the definition, the world it sees, and what "Xác nhận" does. */
export interface FormFlow<C extends FormContext> {
  def: FormDef<C>;
  /** `meta` is what the form carries (e.g. the unit an administrator's form is about). */
  context(ctx: BotContext, userId: number, meta?: Values): C;
  /** Saves; must end the form with `endForm(key, token)` in the same transaction, so a second press saves nothing. */
  submit(ctx: BotContext, key: string, state: FormState, values: Values, formCtx: C): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry of flows over different context types
export type AnyFlow = FormFlow<any>;

/** The flows the bot knows, by form id; built once in createBot. */
export type FlowRegistry = ReadonlyMap<string, AnyFlow>;

export const flowRegistry = (list: AnyFlow[]): FlowRegistry => new Map(list.map((f) => [f.def.id, f]));

const keyOf = (ctx: BotContext) => formKey(ctx.from?.id ?? 0, ctx.chat?.id ?? 0);

export function activeForm(ctx: BotContext): FormState | null {
  return ctx.from && ctx.chat ? loadForm(ctx.deps.db, keyOf(ctx)) : null;
}

/** Opens `flow`; `answered`: the label of the button that opened it, whose message then shows the first question. */
export async function startFlow<C extends FormContext>(
  ctx: BotContext,
  flow: FormFlow<C>,
  init: { values?: Values; meta?: Values } = {},
  answered?: string,
): Promise<void> {
  const userId = ctx.from?.id ?? 0;
  const token = randomBytes(6).toString('base64url');
  const result = startForm(flow.def, flow.context(ctx, userId, init.meta ?? {}), token, init);
  if (result.kind !== 'continue') return;
  saveForm(ctx.deps.db, keyOf(ctx), result.state, ctx.deps.now());
  ctx.step = `form:${flow.def.id}:${result.state.step}`;
  if (answered !== undefined) await answerPress(ctx, token, answered, result.messages);
  else await sendFormMessages(ctx, token, result.messages);
}

/** Repeats the current question, after a notice (e.g. a command sent in the middle of a form). */
export async function repeatQuestion(ctx: BotContext, state: FormState, notice: string): Promise<void> {
  const flow = ctx.flows.get(state.formId);
  if (!flow) return;
  await ctx.reply(notice);
  const msg = render(flow.def, state, flow.context(ctx, ctx.from?.id ?? 0, state.meta));
  await sendFormMessages(ctx, state.token, [msg]);
}

export function cancelForm(ctx: BotContext): boolean {
  return dropForm(ctx.deps.db, keyOf(ctx));
}

/**
 * Feeds text, a button or anything else to the user's form; false when there is no form here. `state`: the
 * form as the caller just read it, if it did.
 */
export async function continueFlow(
  ctx: BotContext,
  input: Input,
  state: FormState | null = activeForm(ctx),
): Promise<boolean> {
  const flow = state && ctx.flows.get(state.formId);
  if (!state || !flow) return false;
  const key = keyOf(ctx);
  const formCtx = flow.context(ctx, ctx.from?.id ?? 0, state.meta);
  const result = step(flow.def, state, input, formCtx);
  ctx.step = `form:${flow.def.id}:${state.step}→${result.kind}`;
  switch (result.kind) {
    case 'stale':
      await ctx.answerCbQuery(M.form.stale).catch(() => undefined);
      return true;
    case 'cancelled':
      dropForm(ctx.deps.db, key);
      await closeAnsweredMessage(ctx);
      await sendFormMessages(ctx, state.token, result.messages);
      return true;
    case 'submit':
      await closeAnsweredMessage(ctx);
      await flow.submit(ctx, key, state, result.values, formCtx);
      return true;
    case 'continue': {
      saveForm(ctx.deps.db, key, result.state, ctx.deps.now());
      const replacing = result.messages.some((m) => m.replace);
      if (input.type === 'button' && !replacing)
        await answerPress(ctx, state.token, result.ack, result.messages);
      else await sendFormMessages(ctx, state.token, result.messages);
      return true;
    }
  }
}
