import type { Outcome } from '../services/outcome.js';
import { type CliContext, CliError } from './context.js';

/** Prints an administrator's command's answer; a refusal becomes exit code 2 (typed wrong: runCommand adds the usage) or 1. */
export function printOutcome(ctx: CliContext, r: Outcome): number {
  if (r.ok) {
    ctx.out(r.text);
    return 0;
  }
  throw new CliError(r.text, r.usage ? 2 : 1);
}
