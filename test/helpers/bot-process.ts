/** Runs the real entrypoint, compiled (dist/main.js, as `npm start` runs it), as a child process against a fake Bot API. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeBotApi, TEST_TOKEN } from './fake-bot-api.js';
import { TEST_CLOCK_START } from './instant.js';

export { TEST_TOKEN } from './fake-bot-api.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface StartBotOptions {
  apiRoot: string;
  databasePath: string;
  /** When given, startBot resolves once this fake has received a `readyOn` call from the new process. */
  api?: FakeBotApi;
  /**
   * The call that means the bot is up: getUpdates (default, long polling) or setWebhook (webhook mode: the
   * bot calls it once its webhook port is listening).
   */
  readyOn?: 'getUpdates' | 'setWebhook';
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** The script to run, relative to the repo root (default MAIN; the harness self-test uses a stub). */
  entry?: string;
}

export interface BotProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Exit code, or null when a signal ended it. */
  readonly exited: Promise<number | null>;
  /** Sends `signal`, waits for the exit (SIGKILL after 10 s) and returns the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** A crash: SIGKILL, no cleanup in the bot. */
  kill9(): Promise<number | null>;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
}

/** Live children and the promise of their exit (after their output streams closed). */
const running = new Map<ChildProcess, Promise<number | null>>();
const tempDirs: string[] = [];

/** Kills every bot this module started that is still alive (for afterEach/afterAll). */
export async function stopAllBots(): Promise<void> {
  await Promise.all([...running].map(([child, exited]) => terminate(child, exited, 'SIGKILL')));
}

process.once('exit', () => {
  for (const child of running.keys()) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A database path inside a fresh temporary directory (removed when the test process exits). */
export function tempDbPath(name = 'bot.sqlite'): string {
  const dir = mkdtempSync(join(tmpdir(), 'bot-e2e-'));
  tempDirs.push(dir);
  return join(dir, name);
}

/** Every variable the bot reads is set, so neither a developer's shell nor a `.env` file leaks into a test. */
function childEnv(options: StartBotOptions): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(VITEST|NODE_OPTIONS$|DOTENV_|TELEGRAM_|HTTPS?_PROXY$)/i.test(key),
    ),
  );
  return {
    ...inherited,
    NODE_ENV: 'test',
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: options.apiRoot,
    DATABASE_PATH: options.databasePath,
    ADMIN_IDS: '',
    LOG_LEVEL: 'info',
    TIMEZONE: 'Asia/Ho_Chi_Minh',
    // The daily sweep follows the wall clock: tests that want it run 'cli remind --at' instead.
    REMINDERS: 'off',
    // No daily backup (it would run at start after 02:00); should a test turn it on, copies go beside its database.
    BACKUPS: 'off',
    BACKUP_DIR: join(dirname(options.databasePath), 'backups'),
    HTTPS_PROXY: '',
    HTTP_PROXY: '',
    // Long polling unless a test asks for webhook mode.
    WEBHOOK_URL: '',
    WEBHOOK_SECRET: '',
    // The fake Bot API enforces no flood limits unless a test asks it to (enforceRateLimits); pacing replies
    // a second apart per chat would only slow every conversation down. Tests of the limits pass their own.
    SEND_MAX_PER_SECOND: '30',
    SEND_MAX_PER_CHAT_PER_SECOND: '0',
    SEND_MAX_PER_GROUP_PER_MINUTE: '0',
    // dotenv reads these: an empty file instead of ./.env, and no "injected env" banner.
    DOTENV_PATH: '/dev/null',
    DOTENV_CONFIG_PATH: '/dev/null',
    DOTENV_QUIET: 'true',
    CLOCK_START: TEST_CLOCK_START,
    ...options.env,
  };
}

/**
 * How `npm start` runs node (package.json's start script; a test keeps the two the same): V8's defaults. A young
 * generation of 64 MB (`--max-semi-space-size=64`, the default is 16) took ~9% off the bot's CPU per update but
 * kept ~95 MB more resident (BENCHMARKS.md, "Memory").
 */
export const START_NODE_ARGS: readonly string[] = [];
/** The compiled entrypoint (scripts/build.mjs; vitest's globalSetup builds it when stale). */
export const MAIN = 'dist/main.js';
/** The compiled CLI, as `npm run cli` runs it. */
export const CLI = 'dist/cli.js';
/** The compiled sandbox, as `npm run sandbox` runs it. */
export const SANDBOX = 'dist/sandbox.js';

export async function startBot(options: StartBotOptions): Promise<BotProcess> {
  const since = options.api?.calls.length ?? 0;
  const child = spawn(process.execPath, [...START_NODE_ARGS, options.entry ?? MAIN], {
    cwd: REPO_ROOT,
    env: childEnv(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  // 'close', not 'exit': by then stdout/stderr are drained, so output() has the last lines.
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('close', (code) => {
      running.delete(child);
      resolveExit(code);
    });
  });
  running.set(child, exited);
  const bot: BotProcess = {
    pid: child.pid ?? -1,
    child,
    exited,
    stop: (signal = 'SIGTERM') => terminate(child, exited, signal),
    kill9: () => terminate(child, exited, 'SIGKILL'),
    output: () => output,
  };
  if (!options.api) return bot;

  const timeoutMs = options.readyTimeoutMs ?? 20_000;
  const readyOn = options.readyOn ?? 'getUpdates';
  const ready = options.api.waitFor((c) => c.method === readyOn && c.seq >= since, timeoutMs);
  const died = exited.then((code) => {
    throw new Error(`bot exited with code ${code} before it called ${readyOn}`);
  });
  try {
    await Promise.race([ready, died]);
    return bot;
  } catch (err) {
    await terminate(child, exited, 'SIGKILL');
    throw new Error(`${(err as Error).message}\n--- bot output ---\n${output}`);
  } finally {
    died.catch(() => {});
  }
}

/** A loopback port nothing listens on now: where "Telegram" is not, until a test starts a fake there. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once the bot has logged that the web page listens (WEB_PORT), with the page's address. */
export async function webPageOf(bot: BotProcess, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const url = /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/.exec(bot.output())?.[1];
    if (url) return url;
    if (Date.now() > deadline || bot.child.exitCode !== null)
      throw new Error(`the web page did not start:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves once the bot's output matches `pattern` (a log line travels through a pipe). */
export async function untilOutput(bot: BotProcess, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(bot.output())) {
    if (Date.now() > deadline) throw new Error(`no output matching ${pattern}:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sends the signal and waits for the exit; escalates to SIGKILL after 10 s. */
async function terminate(
  child: ChildProcess,
  exited: Promise<number | null>,
  signal: NodeJS.Signals,
): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill(signal);
    const escalate = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(escalate);
  }
  return exited;
}
