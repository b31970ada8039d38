import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliContext } from '../../src/cli/context.js';
import type { Db } from '../../src/db/client.js';
import { testDb } from './test-db.js';

export interface CliHarness {
  ctx: CliContext;
  db: Db;
  /** Everything printed to stdout, one string. */
  out: () => string;
  err: () => string;
}

/** A command context over an in-memory db that records what the administrator would see. */
export function cliHarness(
  opts: { now?: Date; telegram?: CliContext['telegram']; db?: Db } = {},
): CliHarness {
  const db = opts.db ?? testDb();
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    db,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: opts.now ?? new Date('2025-07-10T02:00:00Z'),
    timeZone: 'Asia/Ho_Chi_Minh',
    telegram: opts.telegram ?? {},
  };
  return { ctx, db, out: () => out.join('\n'), err: () => err.join('\n') };
}

/** Writes a temporary file (bytes as given) and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
