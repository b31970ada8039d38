import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/cli/doctor.js';
import type { DatabaseCheckOptions } from '../../src/cli/doctor-db.js';
import { openDatabase } from '../../src/db/client.js';
import { lockDatabase } from '../../src/ops/lock.js';
import type { CallApi } from '../../src/telegram/bot-api.js';
import { NoAnswerError } from '../../src/telegram/errors.js';

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabc';
const HOOK = 'https://bot.tinhuy.vn/telegram/cap-nhat';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-'));
}

/** A database as the bot leaves it: created, migrated, WAL, 0640 (its umask; this test process's may be looser). */
function botDatabase(): string {
  const file = path.join(tempDir(), 'bot.sqlite');
  openDatabase(file).$client.close();
  fs.chmodSync(file, 0o640);
  return file;
}

type Answer = { status?: number; body: unknown } | Error;

/**
 * A Bot API answering each method with a fixed body (or failing like an unreachable network), as the bot's client
 * (src/telegram/bot-api.ts) reads it: the result, or telegraf's TelegramError for a refusal.
 */
function fakeApi(answers: Record<string, Answer>): { api: CallApi; methods: string[] } {
  const methods: string[] = [];
  const api: CallApi = async (method) => {
    methods.push(method);
    const answer = answers[method] ?? { status: 404, body: { ok: false } };
    if (answer instanceof Error) throw answer;
    const body = answer.body as { ok?: boolean; result?: unknown; description?: string };
    if (body.ok) return body.result;
    throw new TelegramError({ error_code: answer.status ?? 400, description: body.description ?? '' });
  };
  return { api, methods };
}

const getMe = { body: { ok: true, result: { id: 123456, is_bot: true, username: 'capuy_bot' } } };
const webhookInfo = (info: Record<string, unknown> = {}) => ({
  body: { ok: true, result: { url: '', has_custom_certificate: false, pending_update_count: 0, ...info } },
});
const healthy = { getMe, getWebhookInfo: webhookInfo() };

/** 09:00 on 02/12/2026 in Hà Nội: the clock every check here reads. */
const NOW = new Date('2026-12-02T02:00:00Z');

async function doctor(
  env: Record<string, string>,
  answers: Record<string, Answer> = healthy,
  database?: DatabaseCheckOptions,
) {
  const lines: string[] = [];
  const fake = fakeApi(answers);
  const code = await runDoctor({ env, api: fake.api, database, now: () => NOW }, (l) => lines.push(l));
  return { code, text: lines.join('\n'), lines, methods: fake.methods };
}

/** The check lines (icon first), without the fixes and the summary. */
const checks = (lines: string[]) => lines.filter((l) => /^(✅|⚠️|❌)/u.test(l));

describe('doctor', () => {
  it('passes with a valid configuration, a migrated database, the bot running, a fresh backup and a reachable Bot API', async () => {
    const database = botDatabase();
    const backups = path.join(path.dirname(database), 'backups');
    fs.mkdirSync(backups);
    fs.writeFileSync(path.join(backups, 'bot-2026-12-02.sqlite'), '');
    fs.utimesSync(path.join(backups, 'bot-2026-12-02.sqlite'), NOW, NOW);
    // The bot runs: it holds the database's lock (here this process does, as `npm start` would).
    const lock = lockDatabase(database, { command: 'bot', now: () => NOW });
    try {
      const r = await doctor({ BOT_TOKEN: TOKEN, DATABASE_PATH: database, BACKUP_DIR: backups });
      expect(checks(r.lines)).toEqual([
        '✅ Cấu hình: hợp lệ; nhận cập nhật bằng long polling.',
        expect.stringMatching(/^✅ Cơ sở dữ liệu: tệp .*bot\.sqlite mở được để đọc và ghi\.$/),
        '✅ Toàn vẹn dữ liệu (PRAGMA integrity_check): không có lỗi.',
        expect.stringMatching(
          /^✅ Bảng dữ liệu: đã áp dụng đủ (\d+)\/\1 bản cập nhật \(migration\), mới nhất 00\d\d_/,
        ),
        '✅ Chế độ WAL: bật (bot và lệnh quản trị dùng chung cơ sở dữ liệu được).',
        `✅ Bot đang chạy với cơ sở dữ liệu này: tiến trình ${process.pid} trên máy ${os.hostname()}, npm start, từ 09:00 02/12/2026.`,
        `✅ Sao lưu: bản gần nhất lúc 09:00 02/12/2026, trong ${backups}.`,
        '✅ Bot API (api.telegram.org): kết nối được; mã bot hợp lệ: @capuy_bot (id 123456).',
        '✅ Webhook: chưa đặt, đúng với chế độ long polling.',
        '✅ Cập nhật đang chờ bot nhận: 0.',
      ]);
      expect(r.text).toContain('Kết quả: 10 mục đạt, 0 mục cần xem, 0 mục lỗi.\nMọi thứ sẵn sàng.');
      expect(r.code).toBe(0);
      expect(r.methods).toEqual(['getMe', 'getWebhookInfo']);
    } finally {
      lock.release();
    }
  });

  it('warns when the bot does not run, when there is no backup, and when the last one is days old', async () => {
    const database = botDatabase();
    const backups = path.join(path.dirname(database), 'backups');
    const env = { BOT_TOKEN: TOKEN, DATABASE_PATH: database, BACKUP_DIR: backups };
    const none = await doctor(env);
    expect(none.text).toContain(
      '⚠️ Bot không chạy với cơ sở dữ liệu này (không tiến trình nào giữ khóa).\n   → Khởi động: sudo systemctl start bot-hoc-tap',
    );
    expect(none.text).toContain(`⚠️ Sao lưu: chưa có bản sao lưu tự động nào trong ${backups}.`);
    expect(none.code).toBe(0);

    fs.mkdirSync(backups);
    const old = path.join(backups, 'bot-2026-11-28.sqlite');
    fs.writeFileSync(old, '');
    fs.utimesSync(old, new Date('2026-11-28T19:00:00Z'), new Date('2026-11-28T19:00:00Z'));
    const stale = await doctor(env);
    expect(stale.text).toContain('⚠️ Sao lưu: bản gần nhất từ 02:00 29/11/2026, đã 3 ngày.');
    expect(stale.text).toContain('journalctl -u bot-hoc-tap');

    // Backups off, or no database yet: nothing to say of backups.
    expect((await doctor({ ...env, BACKUPS: 'off' })).text).not.toContain('Sao lưu');
    const fresh = { ...env, DATABASE_PATH: path.join(tempDir(), 'moi.sqlite') };
    expect((await doctor(fresh)).text).not.toContain('Sao lưu');
  });

  it('names every wrong variable with what to do, still checks the database, and exits 1', async () => {
    const r = await doctor({ ADMIN_IDS: 'abc', WEBHOOK_URL: HOOK, DATABASE_PATH: botDatabase() });
    expect(r.text).toContain(
      '❌ Cấu hình: biến BOT_TOKEN: bắt buộc: mã bot do @BotFather cấp (trong Telegram nhắn @BotFather, gửi /newbot',
    );
    expect(r.text).toContain('→ Lấy mã bot ở @BotFather');
    expect(r.text).toContain('❌ Cấu hình: biến ADMIN_IDS: "abc" không phải mã người dùng Telegram (số).');
    expect(r.text).toContain('❌ Cấu hình: biến WEBHOOK_SECRET: bắt buộc khi đặt WEBHOOK_URL');
    expect(r.text).toContain('✅ Toàn vẹn dữ liệu');
    expect(r.text).toContain('⚠️ Bot API: chưa kiểm tra vì cấu hình chưa hợp lệ.');
    expect(r.methods).toEqual([]);
    expect(r.code).toBe(1);
  });

  it('without a token: says where to get one, skips only the Bot API, and checks everything else', async () => {
    const database = botDatabase();
    const backups = path.join(path.dirname(database), 'backups');
    fs.mkdirSync(backups);
    const old = path.join(backups, 'bot-2026-11-28.sqlite');
    fs.writeFileSync(old, '');
    fs.utimesSync(old, new Date('2026-11-28T19:00:00Z'), new Date('2026-11-28T19:00:00Z'));
    const lock = lockDatabase(database, { command: 'bot', now: () => NOW });
    try {
      for (const token of [undefined, '', '  ']) {
        const env: Record<string, string> = {
          DATABASE_PATH: database,
          BACKUP_DIR: backups,
          WEBHOOK_URL: 'https://bot.tinhuy.vn:3000/hook',
          WEBHOOK_SECRET: 's',
        };
        if (token !== undefined) env.BOT_TOKEN = token;
        const r = await doctor(env);
        expect(checks(r.lines)).toEqual([
          expect.stringMatching(
            /^❌ Cấu hình: biến BOT_TOKEN: bắt buộc: mã bot do @BotFather cấp \(trong Telegram nhắn @BotFather, gửi \/newbot/,
          ),
          '✅ Cấu hình: các biến khác hợp lệ; nhận cập nhật bằng webhook tại https://bot.tinhuy.vn:3000/hook.',
          '⚠️ Cấu hình: WEBHOOK_URL dùng cổng 3000, nhưng máy chủ Telegram chỉ gọi webhook ở cổng 443, 80, 88 hoặc 8443.',
          expect.stringMatching(/^✅ Cơ sở dữ liệu: /),
          expect.stringMatching(/^✅ Toàn vẹn dữ liệu/),
          expect.stringMatching(/^✅ Bảng dữ liệu/),
          expect.stringMatching(/^✅ Chế độ WAL/),
          expect.stringMatching(/^✅ Bot đang chạy với cơ sở dữ liệu này: tiến trình \d+/),
          '⚠️ Sao lưu: bản gần nhất từ 02:00 29/11/2026, đã 3 ngày.',
          '⚠️ Bot API: chưa kiểm tra vì chưa có mã bot (BOT_TOKEN).',
        ]);
        expect(r.text).toContain('→ Lấy mã bot ở @BotFather');
        expect(r.methods).toEqual([]);
        expect(r.code).toBe(1);
      }
    } finally {
      lock.release();
    }
  });

  it('a token in the wrong form is the only thing it fails: the rest is checked', async () => {
    const r = await doctor({ BOT_TOKEN: 'abc', DATABASE_PATH: botDatabase() });
    expect(checks(r.lines)[0]).toBe('❌ Cấu hình: biến BOT_TOKEN: không đúng dạng mã bot (123456:ABC...).');
    expect(r.text).toContain('⚠️ Bot không chạy với cơ sở dữ liệu này');
    expect(r.text).toContain('⚠️ Bot API: chưa kiểm tra vì mã bot (BOT_TOKEN) không đúng dạng.');
    expect(r.methods).toEqual([]);
  });

  it('warns about a webhook port Telegram does not call', async () => {
    const env = { BOT_TOKEN: TOKEN, DATABASE_PATH: botDatabase(), WEBHOOK_SECRET: 's' };
    const r = await doctor(
      { ...env, WEBHOOK_URL: 'https://bot.tinhuy.vn:3000/hook' },
      {
        getMe,
        getWebhookInfo: webhookInfo({ url: 'https://bot.tinhuy.vn:3000/hook' }),
      },
    );
    expect(r.text).toContain('⚠️ Cấu hình: WEBHOOK_URL dùng cổng 3000');
    expect(r.code).toBe(0);
  });
});

describe('doctor: the database', () => {
  it('a missing file is a warning when it can be created, a failure when it cannot', async () => {
    const dir = tempDir();
    const creatable = await doctor({ BOT_TOKEN: TOKEN, DATABASE_PATH: path.join(dir, 'moi', 'bot.sqlite') });
    expect(creatable.text).toMatch(/⚠️ Cơ sở dữ liệu: chưa có tệp .*moi\/bot\.sqlite \(tạo được\)\./);
    expect(creatable.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'moi'))).toBe(false);

    fs.writeFileSync(path.join(dir, 'a-file'), '');
    const blocked = await doctor({ BOT_TOKEN: TOKEN, DATABASE_PATH: path.join(dir, 'a-file', 'bot.sqlite') });
    expect(blocked.text).toMatch(
      /❌ Cơ sở dữ liệu: chưa có tệp .* và không tạo được: thư mục .*a-file không ghi được\./,
    );
    expect(blocked.code).toBe(1);
  });

  it('reports a file that is not a database, and one damaged inside', async () => {
    const notDb = path.join(tempDir(), 'bot.sqlite');
    fs.writeFileSync(
      notDb,
      'Đây không phải cơ sở dữ liệu, chỉ là một tệp văn bản khá dài cho đủ trang.'.repeat(20),
    );
    const r = await doctor({ BOT_TOKEN: TOKEN, DATABASE_PATH: notDb });
    expect(r.text).toContain('❌ Cơ sở dữ liệu: không mở được');
    expect(r.code).toBe(1);

    const damaged = botDatabase();
    const bytes = fs.readFileSync(damaged);
    // Scribble over every page but the first (the header and schema stay readable).
    bytes.fill(0xa5, 4096 * 2);
    fs.writeFileSync(damaged, bytes);
    const d = await doctor({ BOT_TOKEN: TOKEN, DATABASE_PATH: damaged });
    expect(d.text).toContain('❌ Toàn vẹn dữ liệu (PRAGMA integrity_check): có lỗi');
    expect(d.text).toContain('→ Dừng bot và khôi phục bản sao lưu gần nhất');
    expect(d.code).toBe(1);
  });

  it('compares the migrations applied with drizzle/meta/_journal.json', async () => {
    const file = botDatabase();
    const sqlite = new Database(file);
    const last = sqlite.prepare('select max(created_at) as at from __drizzle_migrations').get() as {
      at: number;
    };
    sqlite.prepare('delete from __drizzle_migrations where created_at = ?').run(last.at);
    sqlite
      .prepare(
        "update __drizzle_migrations set hash = 'sua-tay' where created_at = (select min(created_at) from __drizzle_migrations)",
      )
      .run();
    sqlite
      .prepare("insert into __drizzle_migrations (hash, created_at) values ('tuong-lai', 99999999999999)")
      .run();
    sqlite.close();
    const r = await doctor({ BOT_TOKEN: TOKEN, DATABASE_PATH: file });
    expect(r.text).toContain('❌ Bảng dữ liệu: cơ sở dữ liệu có 1 bản cập nhật mà mã nguồn này không có');
    expect(r.text).toMatch(
      /❌ Bảng dữ liệu: còn 1\/\d+ bản cập nhật \(migration\) chưa áp dụng: 00\d\d_\w+\./,
    );
    expect(r.text).toContain('⚠️ Bảng dữ liệu: bản cập nhật 0000_init đã bị sửa sau khi áp dụng');
    expect(r.code).toBe(1);
  });

  it('reports a database the bot never set up, and one not in WAL mode', async () => {
    const empty = path.join(tempDir(), 'bot.sqlite');
    new Database(empty).close();
    const r = await doctor({ BOT_TOKEN: TOKEN, DATABASE_PATH: empty });
    expect(r.text).toContain('❌ Bảng dữ liệu: chưa có (cơ sở dữ liệu chưa được bot khởi tạo).');
    expect(r.text).toContain('⚠️ Chế độ WAL: đang là "delete", chưa bật WAL.');
    expect(r.code).toBe(1);
  });
});

describe('doctor: the Bot API', () => {
  const env = () => ({ BOT_TOKEN: TOKEN, DATABASE_PATH: botDatabase() });

  it('an unreachable Bot API says so, names the address, never the token', async () => {
    const dns = Object.assign(new Error(`getaddrinfo ENOTFOUND api.telegram.org (bot${TOKEN})`), {
      code: 'ENOTFOUND',
    });
    const r = await doctor(env(), { getMe: new NoAnswerError('getMe', dns, false) });
    expect(r.text).toContain(
      '❌ Bot API: không kết nối được tới https://api.telegram.org: no answer to getMe: getaddrinfo ENOTFOUND',
    );
    expect(r.text).toContain('đặt HTTPS_PROXY');
    // What the bot does meanwhile, as `npm start` does it.
    expect(r.text).toContain('Bot vẫn khởi động và chạy trong lúc đó: cơ sở dữ liệu, trang web (WEB_PORT)');
    expect(r.text).toContain('chờ 1 giây rồi gấp đôi sau mỗi lần không được (tối đa 60 giây)');
    expect(r.text).not.toContain(TOKEN);
    expect(r.code).toBe(1);
  });

  it('a Bot API answering 500 says the bot tries again by itself', async () => {
    const r = await doctor(env(), {
      getMe: { status: 500, body: { ok: false, description: 'Internal Server Error' } },
    });
    expect(r.text).toContain('❌ Bot API: getMe trả lỗi: Internal Server Error.');
    expect(r.text).toContain('Telegram tạm thời quá tải hoặc đang bảo trì');
    expect(r.text).toContain('bot tự thử kết nối lại Telegram');
  });

  it('a rejected token tells the administrator to get the current one from @BotFather', async () => {
    const r = await doctor(env(), {
      getMe: { status: 401, body: { ok: false, description: 'Unauthorized' } },
    });
    expect(r.text).toContain('❌ Bot API: mã bot bị từ chối (401 Unauthorized).');
    expect(r.text).toContain('→ Mã bot sai hoặc đã bị thu hồi');
    expect(r.text).toContain('Với mã bị từ chối, bot không chạy: npm start báo lỗi này rồi dừng.');
    expect(r.code).toBe(1);
  });

  it.each([
    [
      {},
      { url: HOOK },
      '❌ Webhook: Telegram đang gửi cập nhật tới https://bot.tinhuy.vn/telegram/cap-nhat, nhưng cấu hình là long polling',
    ],
    [
      { WEBHOOK_URL: HOOK, WEBHOOK_SECRET: 's' },
      { url: '' },
      '❌ Webhook: chưa đặt, nhưng cấu hình là webhook tại',
    ],
    [
      { WEBHOOK_URL: HOOK, WEBHOOK_SECRET: 's' },
      { url: 'https://khac.vn/hook' },
      '❌ Webhook: Telegram đang gửi cập nhật tới https://khac.vn/hook, khác WEBHOOK_URL',
    ],
  ])('a webhook state that does not match the configured mode fails (%j, %j)', async (extra, info, line) => {
    const r = await doctor({ ...env(), ...extra }, { getMe, getWebhookInfo: webhookInfo(info) });
    expect(r.text).toContain(line);
    expect(r.code).toBe(1);
  });

  it('a matching webhook passes; a long queue and the last delivery error are warnings', async () => {
    const info = webhookInfo({
      url: HOOK,
      pending_update_count: 250,
      last_error_date: Date.UTC(2026, 0, 26, 1, 30) / 1000,
      last_error_message: 'Wrong response from the webhook: 502 Bad Gateway',
    });
    const r = await doctor(
      { ...env(), WEBHOOK_URL: HOOK, WEBHOOK_SECRET: 's' },
      { getMe, getWebhookInfo: info },
    );
    expect(checks(r.lines).slice(-4)).toEqual([
      '✅ Bot API (api.telegram.org): kết nối được; mã bot hợp lệ: @capuy_bot (id 123456).',
      `✅ Webhook: Telegram gửi cập nhật tới ${HOOK}, đúng với WEBHOOK_URL.`,
      '⚠️ Cập nhật đang chờ bot nhận: 250 (nhiều: bot có thể đang không chạy).',
      '⚠️ Webhook: lần gửi lỗi gần nhất (26/01/2026 08:30): Wrong response from the webhook: 502 Bad Gateway.',
    ]);
    expect(r.text).toContain('Bot chạy được; xem các mục ⚠️ ở trên.');
    expect(r.code).toBe(0);
  });

  it('tries a write: a file SQLite can only open read-only fails, though it opens', async () => {
    const file = botDatabase();
    // What SQLite does, without a word, with a file the process may read but not write (the root-owned file
    // a restore run as root left behind): as root this machine writes anything, so the opening is played.
    const readOnly = (f: string) => new Database(f, { readonly: true, fileMustExist: true });
    const r = await doctor({ BOT_TOKEN: TOKEN, DATABASE_PATH: file }, healthy, { open: readOnly });
    expect(checks(r.lines)).toContain(
      `❌ Cơ sở dữ liệu: tệp ${file} mở được nhưng không ghi được: attempt to write a readonly database.`,
    );
    expect(r.text).not.toContain('mở được để đọc và ghi');
    expect(r.text).toContain(
      '→ Tệp (hoặc tệp -wal, -shm bên cạnh, hoặc thư mục chứa nó) phải thuộc tài khoản chạy bot',
    );
    expect(r.code).toBe(1);
    // The write was rolled back: the file is as it was.
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
  });

  it.runIf(process.getuid?.() === 0)(
    'run as root: a database owned by root in a folder of another user is a warning naming the chown',
    async () => {
      const file = botDatabase();
      fs.chownSync(path.dirname(file), 1234, 1235);
      const asRoot = await doctor({ BOT_TOKEN: TOKEN, DATABASE_PATH: file }, healthy, { uid: () => 0 });
      expect(checks(asRoot.lines)).toContain(
        `⚠️ Cơ sở dữ liệu: ${file} thuộc root, còn thư mục chứa thuộc 1234: nếu bot chạy bằng 1234, bot không ghi được ("attempt to write a readonly database").`,
      );
      expect(asRoot.text).toContain(
        `→ Dừng bot rồi trả tệp cho người dùng của dịch vụ: chown 1234:1235 ${file}.`,
      );
      expect(asRoot.code).toBe(0);
      // Given back to the folder's owner: nothing to say.
      fs.chownSync(file, 1234, 1235);
      const fixed = await doctor({ BOT_TOKEN: TOKEN, DATABASE_PATH: file }, healthy, { uid: () => 0 });
      expect(fixed.text).not.toContain('thuộc root');
      expect(fixed.text).not.toContain('⚠️ Cơ sở dữ liệu');
    },
  );

  it('a database others may read is a warning, with the chmod', async () => {
    const file = botDatabase();
    fs.chmodSync(file, 0o644);
    const r = await doctor({ BOT_TOKEN: TOKEN, DATABASE_PATH: file });
    expect(checks(r.lines)).toContain(
      `⚠️ Cơ sở dữ liệu: tệp ${file} có quyền 644: người ngoài tài khoản chạy bot đọc được (hoặc nhóm ghi được) toàn bộ báo cáo.`,
    );
    expect(r.text).toContain(`→ Thu hẹp quyền: chmod 640 ${file} ${file}-wal ${file}-shm`);
    expect(r.code).toBe(0);
  });
});
