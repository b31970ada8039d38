/* `programme …` and `deadline …`: through the same services as the bot's /dean and /hanchot. */
import { CLI_ACTOR } from '../db/repositories/audit.js';
import { deadlineCommand } from '../services/deadlines.js';
import { programmeCommand } from '../services/programmes.js';
import type { CliContext } from './context.js';
import { printOutcome } from './service.js';

export const runProgramme = (ctx: CliContext, args: readonly string[]) =>
  printOutcome(ctx, programmeCommand(ctx.db, args, CLI_ACTOR, ctx.now));

export const runDeadline = (ctx: CliContext, args: readonly string[]) =>
  printOutcome(ctx, deadlineCommand(ctx.db, args, CLI_ACTOR, ctx.now));
