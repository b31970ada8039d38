import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { getSetting } from '../../src/db/repositories/settings.js';
import { units } from '../../src/db/schema.js';

/* The real entry point, as an administrator runs it: `npm run cli -- …`. */

let server: http.Server;
let apiRoot = '';
const getMeCalls: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    getMeCalls.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        ok: true,
        result: { id: 42, is_bot: true, first_name: 'Học tập', username: 'hoctap_thu_bot' },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function cli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'cli', '--', ...args], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run cli', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-spawn-'));
  const DATABASE_PATH = path.join(dir, 'data', 'bot.sqlite');

  it('runs the demo against a fresh database file, asking Telegram for the bot name once', async () => {
    const env = {
      DATABASE_PATH,
      BOT_TOKEN: '123456:TEST-token-for-the-cli-demo-0001',
      TELEGRAM_API_ROOT: apiRoot,
    };
    const first = await cli(['demo'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Đã nhập units.csv: 28 đơn vị; thêm mới 28');
    expect(first.stdout).toMatch(/Link: https:\/\/t\.me\/hoctap_thu_bot\?start=[A-Z0-9]{10}/);
    expect(getMeCalls).toEqual(['/bot123456:TEST-token-for-the-cli-demo-0001/getMe']);

    const second = await cli(['demo'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('thêm mới 0, cập nhật 0, không đổi 28');
    expect(getMeCalls).toHaveLength(1);

    const db = openDatabase(DATABASE_PATH);
    expect(db.select().from(units).all()).toHaveLength(28);
    expect(getSetting(db, 'bot_username')).toBe('hoctap_thu_bot');
    db.$client.close();
  });

  it('prints the usage with exit code 0 for help and 2 for a wrong command', async () => {
    const help = await cli([], { DATABASE_PATH });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Cách dùng: npm run cli -- <lệnh>');
    const wrong = await cli(['xuat'], { DATABASE_PATH });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Không có lệnh "xuat".');
    expect(wrong.stderr).toContain('import units TỆP.csv');
  });

  it('exits 1 with a Vietnamese message for a bad setting or an import error', async () => {
    const badConfig = await cli(['demo'], { DATABASE_PATH, BOT_TOKEN: 'sai' });
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr).toContain('BOT_TOKEN: không đúng dạng mã bot');
    const missing = await cli(['import', 'units', path.join(dir, 'khong-co.csv')], { DATABASE_PATH });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Không tìm thấy tệp');
  });
});
