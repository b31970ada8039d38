import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tightenFile, userName } from '../../src/ops/files.js';
import { CLI, freePort, MAIN, REPO_ROOT, SANDBOX, TEST_TOKEN } from '../helpers/bot-process.js';

/*
 * Files the bot creates are 0640 or tighter whatever umask it was started under (docs/architecture.md, "Files and
 * permissions"): each entry point, compiled as it runs in service, started by a shell whose umask is 000.
 */

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-modes-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Neither writable by the group nor readable (nor anything) by others. */
const LOOSE = 0o027;
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const octal = (files: string[]) =>
  Object.fromEntries(files.map((f) => [path.basename(f), (modeOf(f) & LOOSE).toString(8)]));
/** Every file: nothing of LOOSE set (printed in octal, so a failure names the file and its bits). */
const expectTight = (files: string[]) =>
  expect(octal(files)).toEqual(Object.fromEntries(files.map((f) => [path.basename(f), '0'])));

interface Child {
  output: () => string;
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
}

/** `script args…` run by node under `umask 000`, with a clean environment and no .env. */
function underLooseUmask(script: string, args: string[], env: Record<string, string>): Child {
  const child = spawn('sh', ['-c', 'umask 000; exec "$0" "$@"', process.execPath, script, ...args], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      BOT_TOKEN: TEST_TOKEN,
      TIMEZONE: 'Asia/Ho_Chi_Minh',
      LOG_LEVEL: 'info',
      DOTENV_PATH: '/dev/null',
      DOTENV_CONFIG_PATH: '/dev/null',
      DOTENV_QUIET: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    output += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    output += c;
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  return { output: () => output, exited, kill: (s) => child.kill(s) };
}

async function until(what: () => boolean, child: Child, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out; output:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('files created under umask 000', () => {
  it('npm start: the database, its -wal and -shm and the day’s backup', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'bot.sqlite');
    const backups = path.join(dir, 'backups');
    const bot = underLooseUmask(MAIN, [], {
      DATABASE_PATH: db,
      BACKUP_DIR: backups,
      // Past BACKUP_TIME (02:00): the day's backup is made at start. Telegram is nowhere: the rest runs all the same.
      CLOCK_START: '2026-05-04T10:00:00+07:00',
      TELEGRAM_API_ROOT: `http://127.0.0.1:${await freePort()}`,
      REMINDERS: 'off',
    });
    try {
      await until(() => bot.output().includes('database backed up'), bot);
      const files = [db, `${db}-wal`, `${db}-shm`, path.join(backups, 'bot-2026-05-04.sqlite')];
      expectTight(files);
    } finally {
      bot.kill('SIGTERM');
      await bot.exited;
    }
  });

  it('the CLI: the database it creates, a backup, an export and a template', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'data', 'bot.sqlite');
    const env = { DATABASE_PATH: db, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' };
    const run = async (args: string[]) => {
      const c = underLooseUmask(CLI, args, env);
      const code = await c.exited;
      expect(code, c.output()).toBe(0);
    };
    const exported = path.join(dir, 'xuat.xlsx');
    const backup = path.join(dir, 'sao-luu.sqlite');
    const template = path.join(dir, 'mau.xlsx');
    await run(['export', '--out', exported]);
    await run(['backup', backup]);
    await run(['template', 'units', template]);
    expectTight([db, exported, backup, template]);
  });

  it('the sandbox: its database and -wal while it runs', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'sandbox.sqlite');
    const sandbox = underLooseUmask(SANDBOX, [db], { WEB_PORT: '0', WEB_HOST: '127.0.0.1' });
    try {
      await until(() => sandbox.output().includes('Ctrl+C'), sandbox);
      expectTight([db, `${db}-wal`, `${db}-shm`]);
    } finally {
      sandbox.kill('SIGTERM');
      await sandbox.exited;
    }
  });
});

describe('tightenFile', () => {
  it('takes the group’s write and all of others’ away, and loosens nothing', () => {
    const dir = tempDir();
    const loose = path.join(dir, 'a');
    const tight = path.join(dir, 'b');
    fs.writeFileSync(loose, '');
    fs.chmodSync(loose, 0o666);
    fs.writeFileSync(tight, '');
    fs.chmodSync(tight, 0o600);
    tightenFile(loose);
    tightenFile(tight);
    expect([modeOf(loose), modeOf(tight)]).toEqual([0o640, 0o600]);
  });
});

describe('userName', () => {
  it('reads /etc/passwd; an unknown uid or a missing file is null', () => {
    const dir = tempDir();
    const passwd = path.join(dir, 'passwd');
    fs.writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/sh\nhoctap:x:1001:1001::/srv/bot:/bin/sh\n');
    expect(userName(1001, passwd)).toBe('hoctap');
    expect(userName(0, passwd)).toBe('root');
    expect(userName(4242, passwd)).toBeNull();
    expect(userName(0, path.join(dir, 'none'))).toBeNull();
  });
});
