/* `programme …`: the đề án and their targets, through the same service as the bot's /dean. */
import { CLI_ACTOR } from '../db/repositories/audit.js';
import { PROGRAMME_USAGE, programmeCommand } from '../services/programmes.js';
import { type CliContext, CliError } from './context.js';

export function runProgramme(ctx: CliContext, args: readonly string[]): number {
  const r = programmeCommand(ctx.db, args, CLI_ACTOR, ctx.now);
  if (r.ok) {
    ctx.out(r.text);
    return 0;
  }
  throw new CliError(
    r.usage ? `${r.text}\nCách dùng: programme ${PROGRAMME_USAGE}` : r.text,
    r.usage ? 2 : 1,
  );
}
