import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { appliedIn, databaseAtMigration, databaseFromNewerVersion, JOURNAL } from '../helpers/migrations.js';

/*
 * Upgrades as the administrator meets them (README, "Nâng cấp"; docs/architecture.md, "Upgrades and migrations"):
 * `npm start` and `npm run cli` on a database from an older version, and on one a newer version wrote.
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

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The bot's JSON log lines with this message. */
const logLines = (output: string, msg: string) =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes(`"msg":"${msg}"`))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a database from an older version', () => {
  it('npm start copies it to BACKUP_DIR, then logs each migration it applies, and runs', async () => {
    const dbPath = tempDbPath();
    databaseAtMigration(dbPath, JOURNAL.length - 1);
    const bot = await startBot({ apiRoot, databasePath: dbPath, api });
    expect(await bot.stop()).toBe(0);
    // startBot's BACKUP_DIR: backups/ beside the database.
    const backups = fs.readdirSync(path.join(path.dirname(dbPath), 'backups'));
    expect(backups).toEqual([expect.stringMatching(/^truoc-nang-cap-\d{8}-\d{6}\.sqlite$/)]);
    // The copy is the database as it was: one migration short.
    expect(appliedIn(path.join(path.dirname(dbPath), 'backups', backups[0] as string))).toBe(
      JOURNAL.length - 1,
    );
    expect(appliedIn(dbPath)).toBe(JOURNAL.length);
    const [backup] = logLines(bot.output(), 'database backed up before migrating');
    expect(backup).toMatchObject({ level: 30, pending: [JOURNAL.at(-1)?.tag] });
    expect(logLines(bot.output(), 'migration applied')).toEqual([
      expect.objectContaining({ migration: JOURNAL.at(-1)?.tag, newDatabase: false }),
    ]);
  });

  it('the CLI does the same, in Vietnamese on stderr, and keeps stdout for the command', async () => {
    const dbPath = tempDbPath();
    databaseAtMigration(dbPath, JOURNAL.length - 2);
    const backupDir = path.join(path.dirname(dbPath), 'sao-luu');
    const copy = path.join(path.dirname(dbPath), 'ban-sao.sqlite');
    const r = await runCli(['backup', copy], {
      apiRoot,
      databasePath: dbPath,
      extra: { BACKUP_DIR: backupDir },
    });
    expect(r.code).toBe(0);
    const [name] = fs.readdirSync(backupDir);
    expect(r.stderr.trim().split('\n')).toEqual([
      `Cơ sở dữ liệu cần 2 bản cập nhật (migration) của phiên bản này; đã sao lưu trước vào ${path.join(backupDir, name as string)}.`,
      ...JOURNAL.slice(-2).map((e) => `Đã áp dụng bản cập nhật ${e.tag}.`),
    ]);
    expect(r.stdout).toMatch(/^Đã sao lưu vào /);
  });
});

describe('the upgrade procedure (README, "Nâng cấp")', () => {
  it('doctor, after checking out the new version: the migrations to come are a warning, and nothing is written', async () => {
    const dbPath = tempDbPath();
    databaseAtMigration(dbPath, JOURNAL.length - 1);
    const before = sha256(dbPath);
    const r = await runCli(['doctor'], { apiRoot, databasePath: dbPath });
    expect(r.stdout).toContain(
      `⚠️ Bảng dữ liệu: còn 1/${JOURNAL.length} bản cập nhật (migration) chưa áp dụng: ${JOURNAL.at(-1)?.tag}.`,
    );
    expect(r.stdout).toContain(
      'bot sao lưu cơ sở dữ liệu vào thư mục sao lưu (BACKUP_DIR/truoc-nang-cap-….sqlite)',
    );
    expect(r.stdout).not.toContain('❌');
    expect(r.code).toBe(0);
    expect(sha256(dbPath)).toBe(before);
  });

  it('going back: the old version restores the pre-upgrade copy over the newer database', async () => {
    const live = tempDbPath();
    databaseFromNewerVersion(live);
    const copy = path.join(path.dirname(live), 'backups', 'truoc-nang-cap-20261128-143005.sqlite');
    databaseAtMigration(copy, JOURNAL.length);
    const r = await runCli(['restore', copy], { apiRoot, databasePath: live });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Đã khôi phục ${live} từ ${copy}`);
    expect(fs.readdirSync(path.dirname(live)).filter((f) => f.includes('truoc-khoi-phuc'))).toHaveLength(1);
  });
});

describe('a database a newer version wrote', () => {
  it('npm start refuses it with a fatal line saying what to do, exits 1, and leaves the file as it was', async () => {
    const dbPath = tempDbPath();
    databaseFromNewerVersion(dbPath);
    const before = sha256(dbPath);
    const bot = await startBot({ apiRoot, databasePath: dbPath });
    expect(await bot.exited).toBe(1);
    const line = bot
      .output()
      .split('\n')
      .find((l) => l.startsWith('{') && l.includes('"level":60'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ database: dbPath, unknownMigrations: 1 });
    expect(bot.output()).toContain('Không khởi động được bot: Cơ sở dữ liệu');
    expect(bot.output()).toContain('do phiên bản mới hơn của bot ghi (1 bản cập nhật (migration)');
    expect(bot.output()).toContain(
      `npm run cli -- restore ${path.join(path.dirname(dbPath), 'backups', 'truoc-nang-cap-….sqlite')}`,
    );
    expect(sha256(dbPath)).toBe(before);
    // Nothing beside it but the lock file of "one running copy" (docs/architecture.md).
    expect(fs.readdirSync(path.dirname(dbPath))).toEqual(['bot.sqlite', 'bot.sqlite.lock']);
  });

  it('cli restore refuses it as a backup, before touching the live database', async () => {
    const live = tempDbPath();
    databaseAtMigration(live, JOURNAL.length);
    const newer = path.join(path.dirname(live), 'tu-ban-moi.sqlite');
    databaseFromNewerVersion(newer);
    const before = sha256(live);
    const r = await runCli(['restore', newer], { apiRoot, databasePath: live });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Tệp ${newer} do phiên bản mới hơn của bot ghi`);
    expect(r.stderr).toContain('Chưa có gì thay đổi.');
    expect(sha256(live)).toBe(before);
    // No safety copy, no restored file on its way (reading the backup may leave its own -wal and -shm).
    // The lock file aside (docs/architecture.md, "One running copy").
    expect(
      fs.readdirSync(path.dirname(live)).filter((f) => f.startsWith('bot.sqlite') && f !== 'bot.sqlite.lock'),
    ).toEqual(['bot.sqlite']);
  });

  it('any other CLI command prints the same refusal and exits 1', async () => {
    const dbPath = tempDbPath();
    databaseFromNewerVersion(dbPath);
    const r = await runCli(['backup', `${dbPath}.ban-sao`], { apiRoot, databasePath: dbPath });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('do phiên bản mới hơn của bot ghi');
    expect(r.stderr).not.toContain('Lỗi không mong đợi');
    expect(r.stdout).toBe('');
  });
});
