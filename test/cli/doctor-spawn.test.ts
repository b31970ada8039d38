import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { tempDbPath } from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { FakeBotApi, TEST_TOKEN } from '../helpers/fake-bot-api.js';

/* `npm run cli -- doctor` as the administrator runs it, against the fake Bot API. */

const api = new FakeBotApi();
let apiRoot: string;

beforeAll(async () => {
  apiRoot = await api.start();
});
afterAll(() => api.stop());

describe('cli doctor', () => {
  it('passes against a migrated database and a reachable Bot API, asking getMe and getWebhookInfo', async () => {
    const databasePath = tempDbPath();
    openDatabase(databasePath).$client.close();
    // As the bot leaves it (its umask, src/ops/files.ts); this test process's umask may be looser.
    fs.chmodSync(databasePath, 0o640);
    const r = await runCli(['doctor'], { apiRoot, databasePath, extra: { BACKUPS: 'off' } });
    expect(r.stdout).toContain('✅ Bot API (127.0.0.1:');
    expect(r.stdout).toContain('mã bot hợp lệ: @test_bot');
    expect(r.stdout).toContain('✅ Webhook: chưa đặt, đúng với chế độ long polling.');
    // Nothing runs on this database yet: the one warning.
    expect(r.stdout).toContain('⚠️ Bot không chạy với cơ sở dữ liệu này');
    expect(r.stdout).toMatch(
      /Kết quả: \d+ mục đạt, 1 mục cần xem, 0 mục lỗi\.\nBot chạy được; xem các mục ⚠️ ở trên\./,
    );
    expect(r.stdout).not.toContain(TEST_TOKEN);
    expect(r.code).toBe(0);
    expect(api.callsOf('getMe').length).toBeGreaterThan(0);
    expect(api.callsOf('getWebhookInfo').length).toBeGreaterThan(0);
  });

  it('exits 1 and says what to do when Telegram delivers to a webhook the configuration does not have', async () => {
    api.handle('getWebhookInfo', () => ({
      url: 'https://cu.example.vn/hook',
      has_custom_certificate: false,
      pending_update_count: 3,
      last_error_date: 1_790_000_000,
      last_error_message: 'Connection refused',
    }));
    const databasePath = tempDbPath();
    const r = await runCli(['doctor'], { apiRoot, databasePath });
    expect(r.stdout).toContain('⚠️ Cơ sở dữ liệu: chưa có tệp');
    expect(r.stdout).toContain(
      '❌ Webhook: Telegram đang gửi cập nhật tới https://cu.example.vn/hook, nhưng cấu hình là long polling',
    );
    expect(r.stdout).toContain('→ Khởi động lại bot: ở chế độ long polling bot tự xóa webhook.');
    expect(r.stdout).toContain('⚠️ Webhook: lần gửi lỗi gần nhất');
    expect(r.stdout).toMatch(/Kết quả: \d+ mục đạt, 3 mục cần xem, 1 mục lỗi\./);
    expect(r.code).toBe(1);
  });
});
