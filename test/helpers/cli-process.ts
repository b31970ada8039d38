import { spawn } from 'node:child_process';
import { CLI, REPO_ROOT, TEST_TOKEN } from './bot-process.js';
import { TEST_CLOCK_START } from './instant.js';

/**
 * The administrator's CLI as a child process against the fake Bot API, isolated from any .env. `token: ''` leaves
 * BOT_TOKEN empty, as in a fresh copy of .env.example.
 */
export function runCli(
  args: string[],
  env: { apiRoot: string; databasePath: string; token?: string; extra?: Record<string, string> },
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        BOT_TOKEN: env.token ?? TEST_TOKEN,
        TELEGRAM_API_ROOT: env.apiRoot,
        DATABASE_PATH: env.databasePath,
        TIMEZONE: 'Asia/Ho_Chi_Minh',
        LOG_LEVEL: 'warn',
        DOTENV_PATH: '/dev/null',
        DOTENV_CONFIG_PATH: '/dev/null',
        CLOCK_START: TEST_CLOCK_START,
        ...env.extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
