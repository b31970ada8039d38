/* The administrator's command line: `npm run cli -- help`. The only place the CLI reads config and opens the db. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// Tiny and static: .env is read (src/env-file.ts) and the umask tightened before any command is loaded or can
// create a file (src/ops/files.ts).
import { loadEnvFile } from './env-file.js';
import { tightenUmask } from './ops/files.js';

/** `help` as typed alone: answered before any command is loaded. */
const HELP = new Set(['help', '--help', '-h']);

async function usage(out: (line: string) => void): Promise<number> {
  out((await import('./cli/messages.js')).USAGE);
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  // What a command needs is loaded when it runs: all the commands together (exceljs, docx, telegraf, the
  // database) cost a second of start-up (BENCHMARKS.md, "Start-up").
  if (argv.length === 0 || (argv.length === 1 && HELP.has(argv[0] as string))) return usage(out);
  const { readCommand, runCommand, runRestoreCommand } = await import('./cli/commands.js');
  const command = readCommand(argv, err);
  if (typeof command === 'number') return command;
  if (command.name === 'help') return usage(out);
  // Before the config is loaded and the database opened (which migrates it): the doctor reports on both as
  // they are, and goes on past a wrong variable.
  if (command.name === 'doctor')
    return (await import('./cli/doctor.js')).runDoctor({ env: process.env }, out, command);
  const { processClock } = await import('./clock.js');
  const { ConfigError, loadCliConfig } = await import('./config.js');
  const { openDatabase } = await import('./db/client.js');

  let config: ReturnType<typeof loadCliConfig>;
  try {
    config = loadCliConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err(e.message);
    return 1;
  }
  const now = processClock(config.CLOCK_START)();
  if (command.name === 'restore') {
    const io = { out, err, now, timeZone: config.TIMEZONE, databasePath: config.DATABASE_PATH };
    return runRestoreCommand(io, command.file);
  }
  const { NewerDatabaseError } = await import('./db/migrate-safely.js');
  const { backupMsg } = await import('./cli/messages.js');
  let db: ReturnType<typeof openDatabase>;
  try {
    // A database that had data is copied before it is migrated; a new one is set up quietly.
    const log = {
      info: (f: Record<string, unknown>) => {
        if (Array.isArray(f.pending)) err(backupMsg.upgradeBackup(String(f.backup), f.pending.length));
        else if (f.newDatabase === false) err(backupMsg.upgradeApplied(String(f.migration)));
      },
    };
    db = openDatabase(config.DATABASE_PATH, {
      backupDir: config.BACKUP_DIR,
      now: () => now,
      timeZone: config.TIMEZONE,
      log,
    });
  } catch (e) {
    if (!(e instanceof NewerDatabaseError)) throw e;
    err(e.message);
    return 1;
  }
  try {
    const telegram = {
      token: config.BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      proxy: config.HTTPS_PROXY,
    };
    const reminders = { weekdays: config.REMINDER_DAYS, limits: config };
    return await runCommand({ db, out, err, now, timeZone: config.TIMEZONE, telegram, reminders }, command);
  } finally {
    db.$client.close();
  }
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  tightenUmask();
  loadEnvFile();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `Lỗi không mong đợi: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
