import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvFile } from '../../src/env-file.js';
import {
  freePort,
  REPO_ROOT,
  SANDBOX,
  startBot,
  stopAllBots,
  TEST_TOKEN,
  tempDbPath,
} from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { TEST_CLOCK_START } from '../helpers/instant.js';

/*
 * `.env` beside an environment that sets the same variable empty (`docker run -e BOT_TOKEN`, a shell's
 * `export BOT_TOKEN=`): an empty value means "not set", so `.env`'s value is the one used, by the bot, the CLI and
 * the sandbox alike (src/env-file.ts). A non-empty value in the environment still wins.
 */

const api = new FakeBotApi();
let apiRoot: string;

beforeAll(async () => {
  apiRoot = await api.start();
});
afterAll(async () => {
  await stopAllBots();
  await api.stop();
});

/** A real `.env` file in a fresh folder; both of dotenv's path variables point at it. */
function envFile(lines: string[]): { file: string; dir: string; dotenv: Record<string, string> } {
  const dir = path.dirname(tempDbPath());
  const file = path.join(dir, '.env');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, dir, dotenv: { DOTENV_PATH: file, DOTENV_CONFIG_PATH: file } };
}

describe('an empty environment variable does not hide .env', () => {
  it('the loader: empty and blank values are filled from .env, set ones are kept', () => {
    const { file } = envFile([
      `BOT_TOKEN=${TEST_TOKEN}`,
      'WEB_PORT=8099',
      'LOG_LEVEL=debug',
      'TIMEZONE=Asia/Bangkok',
      'BACKUP_DIR=',
    ]);
    const env: NodeJS.ProcessEnv = { BOT_TOKEN: '', WEB_PORT: '  ', LOG_LEVEL: 'warn', BACKUP_DIR: '/srv/b' };
    loadEnvFile(env, file);
    expect(env).toEqual({
      BOT_TOKEN: TEST_TOKEN,
      WEB_PORT: '8099',
      LOG_LEVEL: 'warn',
      TIMEZONE: 'Asia/Bangkok',
      BACKUP_DIR: '/srv/b',
    });
  });

  it('the CLI: BOT_TOKEN= and DATABASE_PATH= in the environment, the token and database of .env are used', async () => {
    const databasePath = tempDbPath();
    const { dotenv } = envFile([`BOT_TOKEN=${TEST_TOKEN}`, `DATABASE_PATH=${databasePath}`]);
    const r = await runCli(['demo'], { apiRoot, databasePath: '', token: '', extra: dotenv });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Chưa có link');
    expect(fs.existsSync(databasePath)).toBe(true);
    expect(api.calls.some((c) => c.method === 'getMe')).toBe(true);
  }, 60_000);

  it('npm start: BOT_TOKEN= in the environment, the bot joins Telegram with the token of .env', async () => {
    const { dotenv } = envFile([`BOT_TOKEN=${TEST_TOKEN}`]);
    const bot = await startBot({
      apiRoot,
      databasePath: tempDbPath(),
      api,
      env: { BOT_TOKEN: '', ...dotenv },
    });
    expect(await bot.stop()).toBe(0);
    expect(bot.output()).not.toContain('BOT_TOKEN');
  }, 60_000);

  it('the sandbox: WEB_PORT= in the environment, the page listens on the port of .env', async () => {
    const port = await freePort();
    const { dir, dotenv } = envFile([`WEB_PORT=${port}`]);
    const child = spawn(process.execPath, [SANDBOX, path.join(dir, 'sandbox.sqlite')], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        WEB_PORT: '',
        CLOCK_START: TEST_CLOCK_START,
        ...dotenv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      out += c;
    });
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    try {
      const deadline = Date.now() + 30_000;
      while (!out.includes('Ctrl+C để dừng.') && child.exitCode === null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain(`http://127.0.0.1:${port}/`);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await closed;
    }
  }, 60_000);
});
