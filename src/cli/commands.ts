/* The command line, read into a command before anything is opened, then run against a context. */

import { isReportsTarget, type ReportsTarget } from '../imports/report-specs.js';
import { type RestoreContext, runBackup, runRestore } from './backup.js';
import { type CliContext, CliError } from './context.js';
import { runDemo } from './demo.js';
import { doctorMsg } from './doctor-messages.js';
import { runExport } from './export.js';
import { runReportImport } from './import-reports.js';
import { runImportFile, runTemplate } from './import-xlsx.js';
import { type ImportKind, isImportKind } from './importers.js';
import { parseRole, runInvite, runUninvite } from './invite.js';
import { isCommandName, msg, USAGE } from './messages.js';
import { runDeadline, runProgramme } from './programme.js';
import { runRemind } from './remind.js';
import { runSummary } from './summary.js';

export type Command =
  | { name: 'help' }
  | { name: 'import'; kind: ImportKind | ReportsTarget; file: string }
  | { name: 'template'; kind: ImportKind | ReportsTarget; file: string }
  | { name: 'export'; args: string[] }
  | { name: 'invite'; unitCode: string; role: string }
  | { name: 'uninvite'; code: string }
  | { name: 'demo' }
  | { name: 'programme'; args: string[] }
  | { name: 'remind'; args: string[] }
  | { name: 'deadline'; args: string[] }
  | { name: 'backup'; file: string }
  | { name: 'restore'; file: string }
  | { name: 'summary'; args: string[] };

/** A command, or a CliError with exit code 2 saying what was typed wrong. */
export function parseCommand(argv: readonly string[]): Command {
  const [name, ...args] = argv;
  const arity = (n: number, missing: string) => {
    if (args.length < n) throw new CliError(missing, 2);
    if (args.length > n) throw new CliError(msg.tooManyArgs, 2);
  };
  switch (name) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case 'import': {
      arity(2, msg.importWhat);
      const [kind = '', file = ''] = args;
      if (!isImportKind(kind) && !isReportsTarget(kind)) throw new CliError(msg.unknownImport(kind), 2);
      return { name: 'import', kind, file };
    }
    case 'template': {
      arity(2, msg.templateWhat);
      const [kind = '', file = ''] = args;
      if (!isImportKind(kind) && !isReportsTarget(kind)) throw new CliError(msg.unknownImport(kind), 2);
      return { name: 'template', kind, file };
    }
    case 'export':
      return { name: 'export', args };
    case 'holidays': {
      arity(2, msg.importWhat);
      if (args[0] !== 'import') throw new CliError(msg.unknownCommand(`holidays ${args[0] ?? ''}`), 2);
      return { name: 'import', kind: 'holidays', file: args[1] ?? '' };
    }
    case 'invite': {
      arity(2, msg.inviteArgs);
      const [unitCode = '', role = ''] = args;
      // `invite huy MÃ_MỜI`: a unit code is never "huy" and an invite code never a role, so the two do not meet.
      if (unitCode.toLowerCase() === 'huy' && parseRole(role) === null)
        return { name: 'uninvite', code: role };
      return { name: 'invite', unitCode, role };
    }
    case 'demo':
      arity(0, '');
      return { name: 'demo' };
    case 'programme':
      return { name: 'programme', args };
    case 'remind':
      return { name: 'remind', args };
    case 'deadline':
      return { name: 'deadline', args };
    case 'backup':
    case 'restore':
      arity(1, msg.backupWhat);
      return { name, file: args[0] ?? '' };
    case 'summary':
      return { name: 'summary', args };
    default:
      throw new CliError(msg.unknownCommand(name), 2);
  }
}

/**
 * What follows a command typed wrong (exit code 2): that command's one-line usage, or for an unknown command the
 * whole list.
 */
export function wrongArgsHint(name: string | undefined): string {
  const command = name === 'uninvite' ? 'invite' : name;
  return isCommandName(command) ? `${msg.wrongArgs(command)}\n${msg.seeHelp}` : `\n${USAGE}`;
}

/**
 * The command line read into a command (`doctor` among them, which cli.ts runs before loading the config), or,
 * typed wrong, what was wrong and how to use it printed, and the exit code.
 */
export function readCommand(
  argv: readonly string[],
  err: (line: string) => void,
): Command | { name: 'doctor'; liveness: boolean } | number {
  if (argv[0] === 'doctor') {
    if (argv.length === 1) return { name: 'doctor', liveness: false };
    if (argv.length === 2 && argv[1] === '--liveness') return { name: 'doctor', liveness: true };
    err(doctorMsg.tooManyArgs);
    err(wrongArgsHint('doctor'));
    return 2;
  }
  try {
    return parseCommand(argv);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    if (e.message) err(e.message);
    err(wrongArgsHint(argv[0]));
    return e.exitCode;
  }
}

/** Runs a command; a CliError becomes its message on stderr and its exit code. */
export async function runCommand(ctx: CliContext, cmd: Command): Promise<number> {
  try {
    switch (cmd.name) {
      case 'help':
        ctx.out(USAGE);
        return 0;
      case 'import':
        return isImportKind(cmd.kind)
          ? await runImportFile(ctx, cmd.kind, cmd.file)
          : await runReportImport(ctx, cmd.kind, cmd.file);
      case 'template':
        return await runTemplate(ctx, cmd.kind, cmd.file);
      case 'export':
        return await runExport(ctx, cmd.args);
      case 'invite':
        return await runInvite(ctx, cmd.unitCode, cmd.role);
      case 'uninvite':
        return runUninvite(ctx, cmd.code);
      case 'demo':
        return await runDemo(ctx);
      case 'programme':
        return runProgramme(ctx, cmd.args);
      case 'remind':
        return await runRemind(ctx, cmd.args);
      case 'deadline':
        return runDeadline(ctx, cmd.args);
      case 'backup':
        return runBackup(ctx, cmd.file);
      case 'restore':
        // The file is about to be replaced: this process must not hold it (cli.ts never opens it for restore).
        ctx.db.$client.close();
        return runRestore({ ...ctx, databasePath: ctx.db.$client.name }, cmd.file);
      case 'summary':
        return await runSummary(ctx, cmd.args);
    }
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    if (e.message) ctx.err(e.message);
    if (e.exitCode === 2) ctx.err(wrongArgsHint(cmd.name));
    return e.exitCode;
  }
}

/** `restore` runs before the database is opened (it replaces the file, which may not even open). */
export function runRestoreCommand(ctx: RestoreContext, file: string): number {
  try {
    return runRestore(ctx, file);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    if (e.message) ctx.err(e.message);
    if (e.exitCode === 2) ctx.err(wrongArgsHint('restore'));
    return e.exitCode;
  }
}
