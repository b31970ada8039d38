import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { SIZE_PATTERN } from '../helpers/sizes.js';
import { query, seedWorld } from '../helpers/world.js';

/*
 * The test: a backup taken while another process keeps saving conference reports is consistent
 * and holds every report committed before it began; restore refuses while the database is in use.
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

/** test/helpers/report-writer.ts in a child process; `ids` grows as it prints committed report ids. */
function startWriter(dbPath: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/report-writer.ts', dbPath],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ids: number[] = [];
  let pending = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) if (/^\d+$/.test(l)) ids.push(Number(l));
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  const exited = new Promise<number | null>((r) => child.once('close', r));
  const until = async (n: number) => {
    const deadline = Date.now() + 30_000;
    while (ids.length < n) {
      if (Date.now() > deadline) throw new Error(`writer stuck at ${ids.length}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const stop = async () => {
    child.kill('SIGTERM');
    return exited;
  };
  return { ids, until, stop, stderr: () => stderr };
}

describe('backup while reports are being written', () => {
  it('copies a consistent database holding every report committed before the backup began', async () => {
    const live = tempDbPath();
    seedWorld(live).close();
    const copy = path.join(path.dirname(live), 'sao-luu', 'ban-sao.sqlite');
    const writer = startWriter(live);
    try {
      await writer.until(300);
      const committedBefore = [...writer.ids];
      const highestBefore = Math.max(...committedBefore);

      const backup = await runCli(['backup', copy], { apiRoot, databasePath: live });
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(
        new RegExp(`^Đã sao lưu vào .*ban-sao\\.sqlite: ${SIZE_PATTERN}, [\\d.]+ báo cáo hội nghị`),
      );
      // The writer was never stopped or blocked: it kept committing while the CLI started and copied.
      const duringBackup = writer.ids.length - committedBefore.length;
      expect(duringBackup).toBeGreaterThan(0);

      // restore is refused while another process has the database open (and writes to it).
      const refused = await runCli(['restore', copy], { apiRoot, databasePath: live });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Bot đang chạy');
      expect(refused.stderr).toContain('Phải dừng bot trước khi khôi phục');

      expect(await writer.stop()).toBe(0);
      expect(writer.stderr()).toBe('');

      expect(query(copy, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const inCopy = new Set(
        query<{ id: number }>(copy, 'select id from conference_reports').map((r) => r.id),
      );
      const missing = committedBefore.filter((id) => !inCopy.has(id));
      expect(missing).toEqual([]);
      expect(Math.max(...inCopy)).toBeGreaterThanOrEqual(highestBefore);
      // Each report came over whole, never half of its transaction: its document link and its audit entry too.
      expect(
        query(
          copy,
          `select count(*) n from conference_reports r
           where not exists (select 1 from conference_report_documents d where d.report_id = r.id)
              or not exists (select 1 from audit_log a where a.entity = 'conference_report' and a.entity_id = r.id)`,
        ),
      ).toEqual([{ n: 0 }]);

      // The writer is stopped: restore puts the copy back and keeps what the database held until then.
      const restored = await runCli(['restore', copy], { apiRoot, databasePath: live });
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      expect(query(live, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(query(live, 'select count(*) n from conference_reports')).toEqual([{ n: inCopy.size }]);
      const safety = fs.readdirSync(path.dirname(live)).find((f) => f.includes('.truoc-khoi-phuc-'));
      expect(safety).toBeDefined();
      expect(
        query(path.join(path.dirname(live), safety ?? ''), 'select count(*) n from conference_reports'),
      ).toEqual([{ n: writer.ids.length }]);
    } finally {
      await writer.stop();
    }
  }, 120_000);

  it('restore is refused while the real bot runs, idle between updates', async () => {
    const live = tempDbPath();
    seedWorld(live).close();
    const copy = path.join(path.dirname(live), 'ban-sao.sqlite');
    expect((await runCli(['backup', copy], { apiRoot, databasePath: live })).code).toBe(0);
    const bot = await startBot({ apiRoot, databasePath: live, api });
    const refused = await runCli(['restore', copy], { apiRoot, databasePath: live });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Bot đang chạy');
    // The bot's lock says who holds the database.
    expect(refused.stderr).toContain(`Đang giữ cơ sở dữ liệu: tiến trình ${bot.pid} trên máy`);
    expect(await bot.stop()).toBe(0);
    const restored = await runCli(['restore', copy], { apiRoot, databasePath: live });
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('Giờ có thể khởi động lại bot (npm start).');
  }, 120_000);
});
