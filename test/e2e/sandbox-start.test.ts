import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/bot-process.js';
import { TEST_CLOCK_START } from '../helpers/instant.js';
import { WebClient } from '../helpers/web-client.js';

/*
 * The README's shortest trial, as a newcomer runs it: a fresh clone, `cp .env.example .env` (BOT_TOKEN empty), then
 * `npm run sandbox`. It must print the page's address and the demo's invite codes, and the page must answer.
 * The clone shares this checkout's node_modules instead of running npm ci, so it has no dist/ yet: `npm run sandbox`
 * builds it first, as it does whenever src/ is newer (scripts/build.mjs). Only WEB_PORT (a free port) and the
 * test's instant (CLOCK_START, see docs/architecture.md "Time") come from the environment.
 */

let dir: string;
let child: ChildProcess | undefined;
let stdout = '';
let stderr = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once the sandbox has printed its last start-up line; rejects if it exits or takes over `ms`. */
function started(p: ChildProcess, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up in ${ms} ms:\n${stdout}\n${stderr}`)), ms);
    const check = () => {
      if (!stdout.includes('Ctrl+C để dừng.')) return;
      clearTimeout(timer);
      resolve();
    };
    p.stdout?.on('data', check);
    p.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited (${code}):\n${stdout}\n${stderr}`));
    });
  });
}

/** SIGTERM to the whole group (npm, its shell, node); SIGKILL if it lingers. */
async function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null || p.pid === undefined) return;
  const pid = p.pid;
  const gone = new Promise<void>((resolve) => p.once('close', () => resolve()));
  process.kill(-pid, 'SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 10_000);
  await gone;
  clearTimeout(timer);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-start-'));
  const repo = path.join(dir, 'repo');
  execFileSync('git', ['clone', '-q', REPO_ROOT, repo]);
  fs.symlinkSync(fs.realpathSync(path.join(REPO_ROOT, 'node_modules')), path.join(repo, 'node_modules'));
  fs.copyFileSync(path.join(repo, '.env.example'), path.join(repo, '.env'));
  const port = await freePort();
  child = spawn('npm', ['run', 'sandbox', '--', path.join(dir, 'sandbox.sqlite')], {
    cwd: repo,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      WEB_PORT: String(port),
      CLOCK_START: TEST_CLOCK_START,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  await started(child, 60_000);
}, 60_000);

afterAll(async () => {
  if (child) await stop(child);
  fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('npm run sandbox straight after cp .env.example .env', () => {
  it('prints the address and the invite codes; a printed code signs in and /baocao asks which report', async () => {
    expect(stdout).not.toContain('Cấu hình không hợp lệ');
    const url = /Trang web thử \(không cần Telegram\): (http:\/\/\S+)/.exec(stdout)?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const codes = [...stdout.matchAll(/: mã ([A-Z0-9]{10}) — /g)].map((m) => m[1] ?? '');
    expect(codes).toHaveLength(2);
    expect(stdout).toMatch(/bí thư của Đảng ủy xã Tân Kỳ: mã [A-Z0-9]{10} — /);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');

    const c = new WebClient(url);
    const secretary = /bí thư của .+: mã ([A-Z0-9]{10})/.exec(stdout)?.[1] ?? '';
    expect((await c.signIn(secretary, 'Lan')).status).toBe(200);
    const replies = await c.say('/baocao');
    expect(replies.at(-1)).toBe('Đồng chí báo cáo việc gì?');
    const buttons = c.snapshot.messages
      .at(-1)
      ?.buttons.flat()
      .map((b) => b.text);
    expect(buttons).toContain('Hội nghị học tập, quán triệt');
  }, 60_000);
});
