import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../src/db/client.js';
import { ORG_FIRSTS_STALE_KEY } from '../../src/db/repositories/progress-summary.js';
import { testDb } from '../helpers/test-db.js';

/*
 * What drizzle/ holds that drizzle-kit cannot see (docs/architecture.md, "Migrations"): drizzle-kit writes
 * migrations from src/db/schema.ts, which has no triggers and no data. A migration set generated afresh (drizzle/
 * deleted, or squashed) would lose these; this fails then, saying where they belong.
 */

const HAND_WRITTEN_TRIGGERS = [
  // org_study_firsts follows the unit tree (src/db/repositories/progress-summary.ts).
  { name: 'units_org_study_firsts_stale', table: 'units', migration: '0005_progress_summaries.sql' },
];

const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
  entries: { tag: string }[];
};

describe('migrations: the hand-written statements', () => {
  it.each(HAND_WRITTEN_TRIGGERS)(
    '$migration creates the trigger $name, and a migrated database has it',
    (t) => {
      const why = `${t.name}: drizzle-kit does not generate triggers; copy it from git history into the migration set (docs/architecture.md, "Migrations")`;
      expect(
        journal.entries.map((e) => `${e.tag}.sql`),
        why,
      ).toContain(t.migration);
      expect(fs.readFileSync(path.join(MIGRATIONS_FOLDER, t.migration), 'utf8'), why).toContain(
        `CREATE TRIGGER \`${t.name}\``,
      );
      const db = testDb();
      const found = db.$client
        .prepare(`SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = ?`)
        .pluck()
        .get(t.name);
      expect(found, why).toBe(t.table);
    },
  );

  it('0002_seed_de_an_07.sql puts the default programme and its seven targets in a new database', () => {
    const c = testDb().$client;
    const id = c.prepare(`SELECT id FROM programmes WHERE code = '07-ĐA/TU'`).pluck().get();
    expect(
      id,
      'the seed is data: drizzle-kit does not generate it (docs/architecture.md, "Migrations")',
    ).toBeDefined();
    expect(c.prepare('SELECT count(*) FROM programme_targets WHERE programme_id = ?').pluck().get(id)).toBe(
      7,
    );
  });

  it('the trigger marks the organisations stale when a unit moves, and only then', () => {
    const db = testDb();
    const c = db.$client;
    c.prepare(
      `INSERT INTO units (id, code, name, kind, valid_from) VALUES (1, 'T', 'Tỉnh', 'tinh', '2020-01-01')`,
    ).run();
    c.prepare(
      `INSERT INTO units (id, code, name, kind, valid_from) VALUES (2, 'X', 'Xã', 'xa', '2020-01-01')`,
    ).run();
    const stale = () =>
      c.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(ORG_FIRSTS_STALE_KEY);
    c.prepare(`UPDATE units SET name = 'Xã mới' WHERE id = 2`).run();
    expect(stale()).toBeUndefined();
    c.prepare('UPDATE units SET parent_id = 1 WHERE id = 2').run();
    expect(stale()).toBe('stale');
  });
});

describe('0010_hashed_web_secrets.sql', () => {
  it('deletes the sessions and /web codes kept raw before it: a database at 0009 keeps none of them', () => {
    // The migration set as it was before 0010, in a folder of its own.
    const before = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-0009-'));
    try {
      fs.cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
      const upTo = JSON.parse(fs.readFileSync(path.join(before, 'meta/_journal.json'), 'utf8'));
      upTo.entries = upTo.entries.filter((e: { tag: string }) => e.tag < '0010');
      fs.writeFileSync(path.join(before, 'meta/_journal.json'), JSON.stringify(upTo));
      const file = path.join(before, 'bot.sqlite');
      const sqlite = new Database(file);
      migrate(drizzle(sqlite), { migrationsFolder: before });
      sqlite.exec(`
        insert into users (id, first_name) values (7, 'Lan');
        insert into web_sessions (id, user_id, created_at, expires_at) values ('${'a'.repeat(64)}', 7, 0, 9e15);
        insert into web_sign_in_codes (code, user_id, expires_at) values ('ABCDEFGHJK', 7, 9e15);
      `);
      migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
      const count = (t: string) => sqlite.prepare(`select count(*) from ${t}`).pluck().get();
      expect([count('web_sessions'), count('web_sign_in_codes'), count('users')]).toEqual([0, 0, 1]);
      sqlite.close();
    } finally {
      fs.rmSync(before, { recursive: true, force: true });
    }
  });
});
