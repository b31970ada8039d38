/**
 * What a FakeBotApi holds against the bot: calls refused by one of Telegram's rules, and button presses the bot
 * was given and never answered (the user's button would spin until Telegram gives up), or refused at its webhook
 * (Telegram would deliver it again). Faults a test injects (failNext, dropConnection, block, enforceRateLimits,
 * handle) are expected and not kept here.
 */
import type { Update } from 'telegraf/types';
import { excerpt } from './fake-bot-api-rules.js';

export interface RuleRefusal {
  /** The call's `seq` in FakeBotApi.calls (-1 for no recorded call: a body the fake could not decode, a webhook POST). */
  seq: number;
  method: string;
  description: string;
  /** What in the payload the rule refused, or where the call went. */
  detail: string;
  /** The bot refused what the fake gave it (a webhook POST with a press, answered other than 200), not the reverse. */
  byBot?: boolean;
}

export type RefusalMatch = string | RegExp | ((refusal: RuleRefusal) => boolean);

interface Press {
  queryId: string;
  updateId: number;
  data: string;
  where: string;
  /** How the bot got it: a getUpdates answer, or a POST to its webhook. */
  via: 'getUpdates' | 'webhook';
  /** Webhook only: the bot answered the POST with 200, so it has handled the press. */
  handledByWebhook?: boolean;
  /** The seq of the answerCallbackQuery call that answered it. */
  answeredBy?: number;
}

/** Where a call went and what it carried, for a refusal whose rule gave no detail of its own. */
export function describePayload(p: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of ['chat_id', 'message_id', 'callback_query_id']) {
    if (p[key] !== undefined) parts.push(`${key}=${String(p[key])}`);
  }
  for (const key of ['text', 'caption']) if (p[key] !== undefined) parts.push(`${key} ${excerpt(p[key])}`);
  if (p.parse_mode !== undefined) parts.push(`parse_mode=${String(p.parse_mode)}`);
  return parts.join(', ') || excerpt(p, 80);
}

function describePress(p: Press): string {
  return `update ${p.updateId}, query ${p.queryId}, data ${JSON.stringify(p.data)} on ${p.where}`;
}

export class ProblemLog {
  readonly refusals: RuleRefusal[] = [];
  private readonly presses = new Map<string, Press>();
  private readonly allowed: RefusalMatch[] = [];
  private reportedRefusals = 0;
  private readonly reportedPresses = new Set<string>();

  refused(refusal: RuleRefusal): void {
    this.refusals.push(refusal);
  }

  /** Refusals matching `match` (all, without one) are expected from now on: problems() leaves them out. */
  allow(match: RefusalMatch = () => true): void {
    this.allowed.push(match);
  }

  pushed(update: Update, via: Press['via'] = 'getUpdates'): void {
    if (!('callback_query' in update)) return;
    const q = update.callback_query;
    const message = q.message && 'text' in q.message ? q.message : undefined;
    const where = q.message
      ? `message ${q.message.message_id} ${excerpt(message?.text ?? '', 30)} in chat ${q.message.chat.id}`
      : 'an inline message';
    const data = 'data' in q ? q.data : '';
    // Delivered again (after a crash, or a webhook POST answered other than 200): one press, still handled and
    // answered if an earlier delivery was.
    const earlier = this.presses.get(q.id);
    this.presses.set(q.id, { ...earlier, queryId: q.id, updateId: update.update_id, data, where, via });
  }

  /**
   * How the bot answered the POST that carried this update to its webhook: with 200 it has handled it; any other
   * status refused a press Telegram would deliver again, a problem unless allowed (allow()).
   */
  webhookAnswered(update: Update, status: number): void {
    const press = 'callback_query' in update ? this.press(update.callback_query.id) : undefined;
    if (press?.via !== 'webhook') return;
    if (status === 200) press.handledByWebhook = true;
    else
      this.refused({
        seq: -1,
        method: 'webhook',
        description: `webhook answered ${status} to an update with a press`,
        detail: describePress(press),
        byBot: true,
      });
  }

  private press(queryId: unknown): Press | undefined {
    return typeof queryId === 'string' ? this.presses.get(queryId) : undefined;
  }

  /** Whether a press with this query id was pushed. */
  knows(queryId: unknown): boolean {
    return this.press(queryId) !== undefined;
  }

  /** The seq of the call that answered the press, if one did. */
  answeredBy(queryId: unknown): number | undefined {
    return this.press(queryId)?.answeredBy;
  }

  answer(queryId: unknown, seq: number): void {
    const press = this.press(queryId);
    if (press) press.answeredBy = seq;
  }

  /**
   * Presses the bot confirmed having handled without answering them: by a later getUpdates offset
   * (`handled(updateId)`), or by answering the webhook POST that carried them with 200.
   */
  unanswered(handled: (updateId: number) => boolean): Press[] {
    const wasHandled = (p: Press) =>
      p.via === 'webhook' ? p.handledByWebhook === true : handled(p.updateId);
    return [...this.presses.values()].filter((p) => p.answeredBy === undefined && wasHandled(p));
  }

  /** The problems found since the last clear(), one line each. */
  problems(handled: (updateId: number) => boolean): string[] {
    const isAllowed = (r: RuleRefusal) =>
      this.allowed.some((m) =>
        typeof m === 'function'
          ? m(r)
          : typeof m === 'string'
            ? r.description.includes(m)
            : m.test(r.description),
      );
    const refusals = this.refusals
      .slice(this.reportedRefusals)
      .filter((r) => !isAllowed(r))
      .map((r) =>
        r.byBot
          ? `${r.description}: ${r.detail}`
          : `${r.seq >= 0 ? `#${r.seq} ` : ''}${r.method} refused: ${r.description} — ${r.detail}`,
      );
    const presses = this.unanswered(handled)
      .filter((p) => !this.reportedPresses.has(p.queryId))
      .map((p) => `press never answered: ${describePress(p)}`);
    return [...refusals, ...presses];
  }

  clear(handled: (updateId: number) => boolean): void {
    this.reportedRefusals = this.refusals.length;
    for (const p of this.unanswered(handled)) this.reportedPresses.add(p.queryId);
  }
}

/** What the vitest setup file needs of a fake. */
export interface CheckedFake {
  readonly label: string;
  readonly stopped: boolean;
  /** Waits up to `graceMs` for answers to presses the bot confirmed (an answer may trail the confirmation). */
  waitForAnswers(graceMs: number): Promise<void>;
  problems(): string[];
  clearProblems(): void;
}

// On globalThis, so the setup file and the test file see one registry whatever module instances they get.
const REGISTRY = Symbol.for('fake-bot-api.live-fakes');
type Registry = { [REGISTRY]?: Set<CheckedFake> };

export function liveFakes(): Set<CheckedFake> {
  const scope = globalThis as Registry;
  scope[REGISTRY] ??= new Set();
  return scope[REGISTRY];
}

/**
 * Checks every fake made in this test file since the last check: throws an error listing what each found, then
 * forgets those problems (a fake shared by the file's tests is checked again after the next test). Stopped fakes
 * leave the registry once checked.
 */
export async function checkFakes(graceMs = 1000): Promise<void> {
  const found: string[] = [];
  for (const fake of liveFakes()) {
    if (!fake.stopped) await fake.waitForAnswers(graceMs);
    found.push(...fake.problems().map((p) => `  ${fake.label}: ${p}`));
    fake.clearProblems();
    if (fake.stopped) liveFakes().delete(fake);
  }
  if (found.length > 0) {
    throw new Error(
      `The fake Bot API saw ${found.length} problem(s) (allowRefusals() for refusals a test provokes on purpose):\n${found.join('\n')}`,
    );
  }
}
