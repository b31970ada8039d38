import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { CLI, REPO_ROOT, TEST_TOKEN } from '../helpers/bot-process.js';
import { TEST_CLOCK_START } from '../helpers/instant.js';

/*
 * What the issue saw, for real (docs/architecture.md, "Files and permissions"): a database left owned by root, and
 * the service's user, who may read it but not write it. The CLI runs as another user (nobody, through util-linux's
 * setpriv), so this needs root and setpriv; elsewhere the same paths are tested with an injected uid or opening.
 */

const NOBODY = 65534;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
/**
 * The other user must also be able to read the checkout (dist/, node_modules/): a clone in a 0700 folder (mktemp -d,
 * a home directory) is out of its reach, and then there is nothing to run as that user.
 */
const checkoutReadable = () =>
  spawnSync(
    'setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, CLI, 'help'],
    { cwd: REPO_ROOT, stdio: 'ignore' },
  ).status === 0;
const canSwitch = process.getuid?.() === 0 && hasSetpriv && checkoutReadable();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'other-user-'));
// mkdtemp makes it 0700: the other user must be able to reach the files in it.
fs.chmodSync(dir, 0o755);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `node dist/cli.js args…` as uid/gid 65534, with a clean environment. */
function cliAsNobody(args: string[], databasePath: string) {
  const r = spawnSync(
    'setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, CLI, ...args],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        BOT_TOKEN: TEST_TOKEN,
        TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
        DATABASE_PATH: databasePath,
        TIMEZONE: 'Asia/Ho_Chi_Minh',
        DOTENV_PATH: '/dev/null',
        DOTENV_CONFIG_PATH: '/dev/null',
        CLOCK_START: TEST_CLOCK_START,
      },
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A bot database owned by root, 0644 (made before the umask), in a folder anyone may enter and write. */
function rootOwnedDatabase(name: string): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder);
  fs.chmodSync(folder, 0o777);
  const file = path.join(folder, 'bot.sqlite');
  openDatabase(file).$client.close();
  fs.chmodSync(file, 0o644);
  return file;
}

describe.runIf(canSwitch)('run by a user who may read the database but not write it', () => {
  it('doctor: opens, but cannot write (where it used to say "đọc và ghi")', () => {
    const file = rootOwnedDatabase('doctor');
    const r = cliAsNobody(['doctor'], file);
    expect(r.stdout).toContain(
      `❌ Cơ sở dữ liệu: tệp ${file} mở được nhưng không ghi được: attempt to write a readonly database.`,
    );
    expect(r.stdout).not.toContain('mở được để đọc và ghi');
    expect(r.code).toBe(1);
  });

  it('restore: refused before anything changes, naming the owner and the command to run', () => {
    const file = rootOwnedDatabase('restore');
    const backup = path.join(dir, 'ban-sao.sqlite');
    execFileSync(process.execPath, [CLI, 'backup', backup], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_PATH: file, DOTENV_CONFIG_PATH: '/dev/null', BOT_TOKEN: TEST_TOKEN },
    });
    fs.chmodSync(backup, 0o644);
    const before = fs.readFileSync(file);
    const r = cliAsNobody(['restore', backup], file);
    expect(r.stderr).toContain(
      `Tệp cơ sở dữ liệu ${file} thuộc người dùng root (uid 0), không phải người đang chạy lệnh (uid ${NOBODY})`,
    );
    expect(r.stderr).toContain(`sudo -u root npm run cli -- restore ${backup}.`);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['bot.sqlite']);
  });
});
