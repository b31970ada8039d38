import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN, REPO_ROOT, START_NODE_ARGS, tempDbPath } from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';

/*
 * A fresh `cp .env.example .env`: BOT_TOKEN is empty. Only what talks to Telegram asks for a token, and says where
 * to get one; nothing reaches the Bot API.
 */

const api = new FakeBotApi();
let apiRoot: string;
const WHERE =
  'trong Telegram nhắn @BotFather, gửi /newbot để tạo bot và nhận mã, rồi điền mã vào BOT_TOKEN trong tệp .env';

beforeAll(async () => {
  apiRoot = await api.start();
});
afterAll(() => api.stop());

describe('the CLI with BOT_TOKEN left empty', () => {
  it('loads the demo and creates invites (codes, no links), previews reminders, refuses to send them', async () => {
    const env = { apiRoot, databasePath: tempDbPath(), token: '' };
    const demo = await runCli(['demo'], env);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout.match(/Mã mời: [A-Z0-9]{10}/g)).toHaveLength(2);
    expect(demo.stdout).toContain('Chưa có link: link cần tên của bot');
    expect(demo.stdout).toContain(WHERE);

    const invite = await runCli(['invite', 'XA_TANKY_2025', 'lanh_dao'], env);
    expect(invite.code).toBe(0);
    expect(invite.stdout).toMatch(/Đã tạo lời mời: lãnh đạo của .+\n {2}Mã mời: [A-Z0-9]{10}/);
    expect(invite.stdout).toContain(WHERE);

    const send = await runCli(['remind'], env);
    expect(send.code).toBe(1);
    expect(send.stderr).toContain(`Cần mã bot để gửi nhắc việc qua Telegram: ${WHERE}.`);
    expect(send.stderr).toContain('--dry-run');

    const preview = await runCli(['remind', '--dry-run'], env);
    expect(preview.stderr).toBe('');
    expect(preview.code).toBe(0);

    expect(api.calls).toHaveLength(0);
  }, 60_000);

  it('doctor: says where to get a token and runs every check but the Bot API’s', async () => {
    const r = await runCli(['doctor'], { apiRoot, databasePath: tempDbPath(), token: '' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('❌ Cấu hình: biến BOT_TOKEN: bắt buộc: mã bot do @BotFather cấp');
    expect(r.stdout).toContain('gửi /newbot');
    expect(r.stdout).toContain('✅ Cấu hình: các biến khác hợp lệ; nhận cập nhật bằng long polling.');
    expect(r.stdout).toContain('Cơ sở dữ liệu');
    expect(r.stdout).toContain('⚠️ Bot không chạy với cơ sở dữ liệu này');
    expect(r.stdout).toContain('⚠️ Bot API: chưa kiểm tra vì chưa có mã bot (BOT_TOKEN).');
    expect(api.calls).toHaveLength(0);
  }, 30_000);

  it('npm start: stops at once, saying where to get a token', async () => {
    const r = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [...START_NODE_ARGS, MAIN], {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          BOT_TOKEN: '',
          TELEGRAM_API_ROOT: apiRoot,
          DATABASE_PATH: tempDbPath(),
          DOTENV_CONFIG_PATH: '/dev/null',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        stdout += c;
      });
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout }));
    });
    expect(r.code).toBe(1);
    // One JSON line, as every log line of the bot (a service's log collector reads them all alike).
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const fatal = JSON.parse(lines[0] ?? '') as { level: number; msg: string };
    expect(fatal.level).toBe(60);
    expect(fatal.msg).toContain(`BOT_TOKEN: bắt buộc: mã bot do @BotFather cấp (${WHERE})`);
    expect(fatal.msg).toContain('Xem .env.example');
    expect(api.calls).toHaveLength(0);
  }, 30_000);
});
