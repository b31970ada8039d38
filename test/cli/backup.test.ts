import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCommand, runCommand, runRestoreCommand } from '../../src/cli/commands.js';
import { backupMsg } from '../../src/cli/messages.js';
import { openDatabase } from '../../src/db/client.js';
import { cliHarness } from '../helpers/cli-context.js';
import { SIZE_PATTERN } from '../helpers/sizes.js';
import { seedWorld } from '../helpers/world.js';

/** The files beside the database, but for the lock file restore takes (docs/architecture.md, "One running copy"). */
const besideDatabase = (live: string) =>
  fs.readdirSync(path.dirname(live)).filter((f) => f !== `${path.basename(live)}.lock`);

const NOW = new Date('2026-11-28T07:30:05Z');
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-backup-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A seeded bot database in a fresh folder, closed. */
function botDatabase(name = 'bot.sqlite'): string {
  const file = path.join(tempDir(), name);
  seedWorld(file, NOW).close();
  return file;
}

function unitNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('select name from units order by id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** Restores `file` over `live` the way cli.ts does (before opening the database). */
function restore(live: string, file: string, uid?: () => number) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runRestoreCommand(
    {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: NOW,
      timeZone: 'Asia/Ho_Chi_Minh',
      databasePath: live,
      uid,
    },
    file,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A real database of this bot whose units_code_uq index no longer matches its table. */
function corruptedCopy(): string {
  const file = botDatabase('hong.sqlite');
  const db = new Database(file);
  const root = db
    .prepare("select rootpage from sqlite_master where name = 'units_code_uq'")
    .pluck()
    .get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma('journal_mode = DELETE');
  db.close();
  const bytes = fs.readFileSync(file);
  const page = bytes.subarray((root - 1) * pageSize, root * pageSize);
  const at = page.indexOf('XA_THANHMAI');
  expect(at).toBeGreaterThan(0);
  page.write('ZZ', at + 3, 'latin1');
  fs.writeFileSync(file, bytes);
  return file;
}

/** The line `backup` prints for a copy of a database with no report. */
const backedUp = (copy: string) =>
  new RegExp(
    `^Đã sao lưu vào ${copy}: ${SIZE_PATTERN}, 0 báo cáo hội nghị, mất \\d+ ms\\. .*integrity_check: ok`,
  );

describe('cli backup', () => {
  it('the size in that line is matched past a thousand KB and in MB, with Vietnamese separators', () => {
    for (const bytes of [12_288, 1_036_288, 3_670_016]) {
      expect(backupMsg.backedUp('/tmp/b.sqlite', bytes, 0, 7)).toMatch(backedUp('/tmp/b.sqlite'));
    }
    expect(backupMsg.backedUp('/tmp/b.sqlite', 1_036_288, 0, 7)).toContain(': 1.012,0 KB,');
  });

  it('copies the open database, checks the copy and prints its size and reports', async () => {
    const live = botDatabase();
    const h = cliHarness({ db: openDatabase(live) });
    const copy = path.join(path.dirname(live), 'sao-luu', 'ban-sao.sqlite');
    expect(await runCommand(h.ctx, parseCommand(['backup', copy]))).toBe(0);
    expect(h.out()).toMatch(backedUp(copy));
    expect(unitNames(copy)).toEqual(unitNames(live));
    h.db.$client.close();
  });

  it('never writes over the live database or a file that is not a SQLite database', async () => {
    const live = botDatabase();
    const h = cliHarness({ db: openDatabase(live) });
    const notes = path.join(path.dirname(live), 'ghi-chu.txt');
    fs.writeFileSync(notes, 'không được ghi đè');
    const relative = path.relative(process.cwd(), live);
    for (const target of [live, relative, `${live}-wal`]) {
      expect(await runCommand(h.ctx, parseCommand(['backup', target]))).toBe(1);
    }
    expect(await runCommand(h.ctx, parseCommand(['backup', notes]))).toBe(1);
    expect(h.err()).toContain('chính là cơ sở dữ liệu đang dùng');
    expect(h.err()).toContain('không phải bản sao lưu SQLite; không ghi đè');
    expect(fs.readFileSync(notes, 'utf8')).toBe('không được ghi đè');
    expect(fs.readdirSync(path.dirname(live)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    h.db.$client.close();
  });

  it('needs exactly one file name', () => {
    expect(() => parseCommand(['backup'])).toThrow('Cần tên tệp sao lưu');
    expect(() => parseCommand(['restore', 'a', 'b'])).toThrow('Thừa tham số');
  });
});

describe('cli restore', () => {
  it.each([
    [
      'a text file',
      () => {
        const file = path.join(tempDir(), 'x.sqlite');
        fs.writeFileSync(file, 'báo cáo');
        return file;
      },
      'không phải cơ sở dữ liệu SQLite',
    ],
    ['a file that does not exist', () => path.join(tempDir(), 'khong-co.sqlite'), 'Không tìm thấy tệp'],
    ['a database that fails integrity_check', corruptedCopy, 'bị hỏng (PRAGMA integrity_check báo lỗi)'],
    [
      'another program’s SQLite database',
      () => {
        const file = path.join(tempDir(), 'khac.sqlite');
        const db = new Database(file);
        db.exec('create table units (id integer primary key); create table contacts (name text)');
        db.close();
        return file;
      },
      'không phải của bot này',
    ],
  ])('refuses %s and changes nothing', (_name, make, expected) => {
    const file = make();
    const live = botDatabase();
    const before = fs.readFileSync(live);
    const r = restore(live, file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(expected);
    expect(r.err).toContain(file);
    expect(fs.readFileSync(live).equals(before)).toBe(true);
    expect(besideDatabase(live)).toEqual(['bot.sqlite']);
  });

  it('the corrupted copy really opens: only the integrity check finds it', () => {
    const db = new Database(corruptedCopy(), { readonly: true });
    expect(db.prepare('select count(*) from units').pluck().get()).toBe(4);
    expect(db.pragma('integrity_check', { simple: true })).not.toBe('ok');
    db.close();
  });

  it('refuses while another connection holds the database, even an idle one', () => {
    const live = botDatabase();
    const backup = botDatabase('ban-sao.sqlite');
    const bot = openDatabase(live);
    bot.$client.prepare('select count(*) from units').get();
    const r = restore(live, backup);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Bot đang chạy');
    expect(r.err).toContain('Phải dừng bot trước khi khôi phục');
    bot.$client.close();
    expect(fs.readdirSync(path.dirname(live)).filter((f) => f.includes('truoc-khoi-phuc'))).toEqual([]);
  });

  it('keeps the current database aside, replaces it, drops stale -wal/-shm and migrates', async () => {
    const live = botDatabase();
    const h = cliHarness({ db: openDatabase(live) });
    const backup = path.join(tempDir(), 'ban-sao.sqlite');
    expect(await runCommand(h.ctx, parseCommand(['backup', backup]))).toBe(0);
    h.db.$client.exec("update units set name = 'Sửa sau khi sao lưu' where code = 'XA_TANKY'");
    h.db.$client.close();
    fs.writeFileSync(`${live}-wal`, 'rác của lần chạy trước');
    fs.writeFileSync(`${live}-shm`, '');

    const r = restore(live, backup);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const safety = `${live}.truoc-khoi-phuc-20261128-143005`;
    expect(r.out).toBe(
      [
        `Đã khôi phục ${live} từ ${backup}: 0 báo cáo hội nghị; kiểm tra toàn vẹn: ok.`,
        `Cơ sở dữ liệu trước khi khôi phục được giữ tại ${safety} (xóa khi không cần nữa).`,
        'Giờ có thể khởi động lại bot (npm start).',
      ].join('\n'),
    );
    expect(besideDatabase(live).sort()).toEqual(['bot.sqlite', path.basename(safety)]);
    expect(unitNames(live)).toContain('Đảng ủy xã Tân Kỳ');
    expect(unitNames(safety)).toContain('Sửa sau khi sao lưu');
    const db = new Database(live, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBeGreaterThan(0);
    db.close();
  });

  it('restores onto a machine that has no database yet', () => {
    const live = path.join(tempDir(), 'moi', 'bot.sqlite');
    const r = restore(live, botDatabase('ban-sao.sqlite'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Trước đó chưa có cơ sở dữ liệu nào.');
    expect(unitNames(live)).toHaveLength(4);
  });
});

/** Owner and permission bits of a file. */
function owner(file: string) {
  const st = fs.statSync(file);
  return { uid: st.uid, gid: st.gid, mode: st.mode & 0o7777 };
}

describe('cli restore keeps the owner and mode of the database it replaces (docs/architecture.md)', () => {
  const asRoot = process.getuid?.() === 0;

  it.runIf(asRoot)('run as root: the restored file goes back to its owner, with its mode', () => {
    const live = botDatabase();
    fs.chownSync(live, 1234, 1235);
    fs.chmodSync(live, 0o600);
    const r = restore(live, botDatabase('ban-sao.sqlite'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(owner(live)).toEqual({ uid: 1234, gid: 1235, mode: 0o600 });
    // The safety copy is the old database: its owner's too, never readable by others.
    const safety = `${live}.truoc-khoi-phuc-20261128-143005`;
    expect(owner(safety)).toEqual({ uid: 1234, gid: 1235, mode: 0o600 });
    // The lock restore held is the owner's too, or the bot (run as 1234) could not take it at its next start.
    expect(owner(`${live}.lock`)).toMatchObject({ uid: 1234, gid: 1235 });
    // Opened again (as the bot would, as root here): SQLite gives its -wal and -shm the file's owner.
    const db = openDatabase(live);
    db.$client.exec("update units set name = name || '' where id = 1");
    expect(owner(`${live}-wal`)).toEqual({ uid: 1234, gid: 1235, mode: 0o600 });
    db.$client.close();
  });

  it.runIf(asRoot)('a database readable by others before is not after', () => {
    const live = botDatabase();
    fs.chownSync(live, 1234, 1234);
    fs.chmodSync(live, 0o664);
    expect(restore(live, botDatabase('ban-sao.sqlite')).code).toBe(0);
    expect(owner(live)).toEqual({ uid: 1234, gid: 1234, mode: 0o660 });
    expect(owner(`${live}.truoc-khoi-phuc-20261128-143005`).mode).toBe(0o640);
  });

  it.runIf(asRoot)(
    'run as root onto a machine with no database yet: the folder’s owner gets the file, 0640',
    () => {
      const dir = path.join(tempDir(), 'du-lieu');
      fs.mkdirSync(dir);
      fs.chownSync(dir, 1234, 1235);
      const live = path.join(dir, 'bot.sqlite');
      const backup = botDatabase('ban-sao.sqlite');
      fs.chmodSync(backup, 0o644);
      expect(restore(live, backup).code).toBe(0);
      expect(owner(live)).toEqual({ uid: 1234, gid: 1235, mode: 0o640 });
    },
  );

  it('run by another user than the owner (not root): refused before anything changes, saying whom to run it as', () => {
    const live = botDatabase();
    const before = fs.readFileSync(live);
    const fileUid = fs.statSync(live).uid;
    const other = fileUid + 1001;
    const backup = botDatabase('ban-sao.sqlite');
    const r = restore(live, backup, () => other);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Tệp cơ sở dữ liệu ${live} thuộc người dùng`);
    expect(r.err).toContain(`(uid ${fileUid})`);
    expect(r.err).toContain(`không phải người đang chạy lệnh (uid ${other})`);
    expect(r.err).toMatch(
      /Hãy chạy lệnh khôi phục bằng đúng người dùng của dịch vụ: sudo -u \S+ npm run cli -- restore /,
    );
    expect(r.err).toContain(`restore ${backup}.`);
    expect(r.err).toContain('Chưa có gì thay đổi.');
    expect(fs.readFileSync(live).equals(before)).toBe(true);
    expect(besideDatabase(live)).toEqual(['bot.sqlite']);
  });

  it('run by the owner itself: restored, the mode kept', () => {
    const live = botDatabase();
    fs.chmodSync(live, 0o600);
    const me = fs.statSync(live).uid;
    expect(restore(live, botDatabase('ban-sao.sqlite'), () => me).code).toBe(0);
    expect(owner(live).mode).toBe(0o600);
  });
});
