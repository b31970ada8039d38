/* The administrator's command line: `npm run cli -- help`. The only place the CLI reads config and opens the db. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { readCommand, runCommand, runRestoreCommand } from './cli/commands.js';
import { runDoctor } from './cli/doctor.js';
import { USAGE } from './cli/messages.js';
import { processClock } from './clock.js';
import { ConfigError, loadCliConfig } from './config.js';
import { openDatabase } from './db/client.js';

export async function main(argv: readonly string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const command = readCommand(argv, err);
  if (typeof command === 'number') return command;
  // Before the config is loaded and the database opened (which migrates it): the doctor reports on both as
  // they are, and goes on past a wrong variable.
  if (command.name === 'doctor') return runDoctor({ env: process.env }, out);
  if (command.name === 'help') {
    out(USAGE);
    return 0;
  }

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
  const db = openDatabase(config.DATABASE_PATH);
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
  dotenv.config({ quiet: true });
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
