import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { backupDue, startBackupScheduler } from '../../src/scheduler/backup.js';
import { runBackup } from '../../src/scheduler/jobs/backup.js';
import { seed } from '../helpers/world.js';

const logger = pino({ level: 'silent' });
const TZ = 'Asia/Ho_Chi_Minh';
/** 02:00 on Saturday 28/11/2026 in Hà Nội. */
const NOW = new Date('2026-11-27T19:00:00Z');
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-job-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function world() {
  const dir = tempDir();
  const db = seed(openDatabase(path.join(dir, 'bot.sqlite')), NOW).db;
  return { db, backups: path.join(dir, 'sao-luu') };
}

describe('the daily backup job', () => {
  it("copies the database to the office's date and checks the copy", async () => {
    const { db, backups } = world();
    const run = await runBackup({ db, dir: backups, keepDays: 14, timeZone: TZ, logger }, NOW);
    expect(path.basename(run.file)).toBe('bot-2026-11-28.sqlite');
    expect(run.bytes).toBe(fs.statSync(run.file).size);
    const copy = new Database(run.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('select count(*) from units').pluck().get()).toBe(4);
    copy.close();
    expect(fs.readdirSync(backups)).toEqual(['bot-2026-11-28.sqlite']);
    db.$client.close();
  });

  it('keeps N days of its own copies and never deletes anything else', async () => {
    const { db, backups } = world();
    fs.mkdirSync(backups);
    const others = [
      'bot-2026-01-01.sqlite.bak',
      'ghi-chu.txt',
      'bot-2026-1-1.sqlite',
      'bot.sqlite',
      'bot-2026-11-01.sqlite-wal',
    ];
    for (const f of others) fs.writeFileSync(path.join(backups, f), 'x');
    const days = ['2026-10-01', '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-27'];
    for (const d of days) fs.writeFileSync(path.join(backups, `bot-${d}.sqlite`), 'old copy');
    fs.mkdirSync(path.join(backups, 'bot-2026-01-02.sqlite'));

    const run = await runBackup({ db, dir: backups, keepDays: 14, timeZone: TZ, logger }, NOW);
    expect(run.deleted).toEqual(['bot-2026-10-01.sqlite', 'bot-2026-11-13.sqlite', 'bot-2026-11-14.sqlite']);
    expect(fs.readdirSync(backups).sort()).toEqual(
      [
        ...others,
        'bot-2026-01-02.sqlite',
        'bot-2026-11-15.sqlite',
        'bot-2026-11-27.sqlite',
        'bot-2026-11-28.sqlite',
      ].sort(),
    );

    // 0 keeps every copy.
    const later = new Date('2027-06-01T03:00:00Z');
    expect((await runBackup({ db, dir: backups, keepDays: 0, timeZone: TZ, logger }, later)).deleted).toEqual(
      [],
    );
    db.$client.close();
  });

  it('replaces the same day’s copy when run twice', async () => {
    const { db, backups } = world();
    const deps = { db, dir: backups, keepDays: 14, timeZone: TZ, logger };
    await runBackup(deps, NOW);
    db.$client.exec("update units set name = 'Đảng ủy xã Thanh Mai (mới)' where code = 'XA_THANHMAI'");
    const run = await runBackup(deps, new Date(NOW.getTime() + 3600_000));
    const copy = new Database(run.file, { readonly: true });
    expect(copy.prepare("select name from units where code = 'XA_THANHMAI'").pluck().get()).toBe(
      'Đảng ủy xã Thanh Mai (mới)',
    );
    copy.close();
    expect(fs.readdirSync(backups)).toEqual(['bot-2026-11-28.sqlite']);
    db.$client.close();
  });
});

describe('the backup schedule', () => {
  const opts = (done: string[] = []) => ({
    time: { hour: 2, minute: 0 },
    timeZone: TZ,
    doneOn: (day: string) => done.includes(day),
  });

  it.each([
    ['02:00 in Hà Nội, no copy yet', '2026-11-27T19:00:00Z', [], true],
    ['01:59, before the time', '2026-11-27T18:59:00Z', [], false],
    ['15:00, today’s copy made', '2026-11-28T08:00:00Z', ['2026-11-28'], false],
    ['23:30, yesterday’s copy only', '2026-11-28T16:30:00Z', ['2026-11-27'], true],
  ])('catches up a missed copy at start: %s', (_name, now, done, expected) => {
    expect(backupDue(new Date(now), opts(done))).toBe(expected);
  });

  it('logs a failed run and still makes the next one', async () => {
    const made: Date[] = [];
    let calls = 0;
    const errors: unknown[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => errors.push(JSON.parse(line)) });
    const scheduler = startBackupScheduler({
      ...opts(['2026-11-28']),
      logger: log,
      now: () => NOW,
      backup: async (at) => {
        calls++;
        if (calls === 1) throw new Error('ổ đĩa đầy');
        made.push(at);
      },
    });
    await scheduler.runNow();
    await scheduler.runNow();
    await scheduler.stop();
    expect(calls).toBe(2);
    expect(made).toEqual([NOW]);
    expect(errors).toMatchObject([{ msg: 'database backup failed', err: { message: 'ổ đĩa đầy' } }]);
  });
});
