import type { Outcome } from '../services/outcome.js';
import { type CliContext, CliError } from './context.js';

/** Prints an administrator's command's answer; a refusal becomes exit code 2 (with usage) or 1. */
export function printOutcome(ctx: CliContext, r: Outcome, usageLine: string): number {
  if (r.ok) {
    ctx.out(r.text);
    return 0;
  }
  throw new CliError(r.usage ? `${r.text}\nCách dùng: ${usageLine}` : r.text, r.usage ? 2 : 1);
}
