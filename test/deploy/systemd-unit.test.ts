import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/bot-process.js';

/**
 * deploy/bot-hoc-tap.service (README, "Triển khai"). What can be checked without a running systemd: the settings
 * the README relies on, that ExecStart names the file the build makes, and that `systemd-analyze verify` accepts
 * the unit with no warning at all (it exits 0 on an unknown key or a bad value, printing a warning: the test
 * fails on any output). It cannot start the service: the sandboxing was checked by hand (docs/architecture.md,
 * "Deployment").
 */

const UNIT_FILE = path.join(REPO_ROOT, 'deploy/bot-hoc-tap.service');
const unitText = fs.readFileSync(UNIT_FILE, 'utf8');

/** Every `Key=value` of a section, in order (a key may repeat, as SystemCallFilter does). */
function section(text: string, name: string): [string, string][] {
  const out: [string, string][] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = header[1] ?? '';
      continue;
    }
    const eq = line.indexOf('=');
    if (current === name && eq > 0) out.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  return out;
}

const service = section(unitText, 'Service');
const value = (key: string) => service.filter(([k]) => k === key).map(([, v]) => v);

const ANALYZE = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => fs.existsSync(p));
if (!ANALYZE) {
  const why = 'systemd-analyze không có: cài gói `systemd` (.ci/run tự cài).';
  // CI (.ci/run) sets REQUIRE_SYSTEMD_ANALYZE: there a missing tool is a failure, never a skip.
  if (process.env.REQUIRE_SYSTEMD_ANALYZE) throw new Error(why);
  process.stderr.write(`\n⚠️  BỎ QUA kiểm tra tệp systemd bằng systemd-analyze verify: ${why}\n\n`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `systemd-analyze verify` on a copy of the unit; ExecStart's bare `node` becomes this node (CI's may be elsewhere). */
function verify(text: string): { status: number | null; output: string } {
  const file = path.join(tmp, 'bot-hoc-tap.service');
  fs.writeFileSync(file, text.replace(/^ExecStart=node /m, `ExecStart=${process.execPath} `));
  const r = spawnSync(ANALYZE ?? 'systemd-analyze', ['verify', '--man=no', file], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

describe('the systemd unit', () => {
  it('runs the compiled bot as its own user, from /opt/bot-hoc-tap, restarted always', () => {
    expect(value('User')).toEqual(['bot-hoc-tap']);
    expect(value('Group')).toEqual(['bot-hoc-tap']);
    expect(value('WorkingDirectory')).toEqual(['/opt/bot-hoc-tap']);
    expect(value('Restart')).toEqual(['always']);
    expect(value('UMask')).toEqual(['0027']);
    // node itself, not `npm start` (whose prestart needs esbuild, pruned away), on the file the build makes.
    expect(value('ExecStart')).toEqual(['node /opt/bot-hoc-tap/dist/main.js']);
    expect(fs.existsSync(path.join(REPO_ROOT, 'dist/main.js'))).toBe(true);
    // The bot stops within 5 s of SIGTERM; systemd must not kill it before.
    expect(Number.parseInt(value('TimeoutStopSec')[0] ?? '0', 10)).toBeGreaterThan(5);
  });

  it('writes only under /var/lib/bot-hoc-tap and /var/backups/bot-hoc-tap, the paths the README puts in .env', () => {
    expect(value('ProtectSystem')).toEqual(['strict']);
    expect(value('StateDirectory')).toEqual(['bot-hoc-tap']);
    expect(value('ReadWritePaths')).toEqual(['/var/backups/bot-hoc-tap']);
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('DATABASE_PATH=/var/lib/bot-hoc-tap/bot.sqlite');
    expect(readme).toContain('BACKUP_DIR=/var/backups/bot-hoc-tap');
    expect(readme).toContain('install -d -o bot-hoc-tap -g bot-hoc-tap -m 0750 /var/backups/bot-hoc-tap');
  });

  it('keeps V8 able to compile: no MemoryDenyWriteExecute', () => {
    // V8's JIT needs writable and executable memory; node core-dumps at start under MemoryDenyWriteExecute=yes.
    expect(value('MemoryDenyWriteExecute')).toEqual([]);
  });

  it.skipIf(!ANALYZE)('is accepted by systemd-analyze verify, without a single warning', () => {
    expect(verify(unitText)).toEqual({ status: 0, output: '' });
  });

  it.skipIf(!ANALYZE)('(the check is not blind: a misspelt key or a missing program is reported)', () => {
    expect(verify(unitText.replace('UMask=', 'Umask=')).output).toMatch(/Unknown key 'Umask'/);
    const missing = verify(unitText.replace(/^ExecStart=node /m, 'ExecStart=/nonexistent/node '));
    expect(missing.status).not.toBe(0);
    expect(missing.output).toMatch(/not executable/);
  });
});
