import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { NewerDatabaseError } from '../../src/db/migrate-safely.js';
import { databaseAtMigration, databaseFromNewerVersion, JOURNAL, tablesOf } from '../helpers/migrations.js';

/* Upgrades (docs/architecture.md, "Upgrades and migrations"): what openDatabase does before and while migrating. */

const NOW = new Date('2026-11-28T07:30:05Z');
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-safely-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function open(file: string) {
  const lines: { fields: Record<string, unknown>; msg: string }[] = [];
  const backupDir = path.join(path.dirname(file), 'backups');
  const db = openDatabase(file, {
    backupDir,
    now: () => NOW,
    timeZone: 'Asia/Ho_Chi_Minh',
    log: { info: (fields, msg) => lines.push({ fields, msg }) },
  });
  db.$client.close();
  const backups = fs.existsSync(backupDir)
    ? fs.readdirSync(backupDir).map((f) => path.join(backupDir, f))
    : [];
  return { lines, backups };
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('openDatabase on an older database', () => {
  it.each([1, 3])(
    'with %i migration(s) pending: a checked copy of the old database first, then one log line per migration',
    (missing) => {
      const file = path.join(tempDir(), 'bot.sqlite');
      databaseAtMigration(file, JOURNAL.length - missing);
      const oldTables = tablesOf(file);
      const pending = JOURNAL.slice(-missing).map((e) => e.tag);

      const { lines, backups } = open(file);

      const copy = path.join(path.dirname(file), 'backups', 'truoc-nang-cap-20261128-143005.sqlite');
      expect(backups).toEqual([copy]);
      expect(tablesOf(copy)).toEqual(oldTables);
      expect(tablesOf(file)).toContain('web_chats');
      const old = new Database(copy, { readonly: true });
      expect(old.prepare('select name from units').pluck().all()).toEqual(['Đảng ủy xã Cũ']);
      expect(old.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(
        JOURNAL.length - missing,
      );
      old.close();

      expect(lines.map((l) => l.msg)).toEqual([
        'database backed up before migrating',
        ...pending.map(() => 'migration applied'),
      ]);
      expect(lines[0]?.fields).toMatchObject({ backup: copy, pending });
      expect(lines.slice(1).map((l) => l.fields)).toEqual(
        pending.map((migration) => ({ migration, newDatabase: false })),
      );
    },
  );

  it('a fresh database: every migration logged, no copy; opened again: nothing to do, nothing logged', () => {
    const file = path.join(tempDir(), 'bot.sqlite');
    const first = open(file);
    expect(first.backups).toEqual([]);
    expect(first.lines.map((l) => l.fields)).toEqual(
      JOURNAL.map((e) => ({ migration: e.tag, newDatabase: true })),
    );
    expect(open(file)).toEqual({ lines: [], backups: [] });
  });

  it('no copy without a backup folder (restore migrates the copy it just put in place)', () => {
    const file = path.join(tempDir(), 'bot.sqlite');
    databaseAtMigration(file, JOURNAL.length - 1);
    openDatabase(file).$client.close();
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.sqlite'))).toEqual(['bot.sqlite']);
  });
});

describe('openDatabase on a database a newer version wrote', () => {
  it('refuses it, saying what to do, and leaves the file as it was', () => {
    const file = path.join(tempDir(), 'bot.sqlite');
    databaseFromNewerVersion(file);
    const before = sha256(file);
    let error: unknown;
    try {
      open(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NewerDatabaseError);
    const message = (error as Error).message;
    expect(message).toContain(
      `Cơ sở dữ liệu ${file} do phiên bản mới hơn của bot ghi (1 bản cập nhật (migration)`,
    );
    expect(message).toContain('Hãy chạy phiên bản mới hơn đó, hoặc khôi phục bản sao lưu trước khi nâng cấp');
    expect(message).toContain('npm run cli -- restore');
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['bot.sqlite']);
  });
});
