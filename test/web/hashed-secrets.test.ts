import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/db/backup.js';
import {
  createWebSignInCode,
  redeemWebSignInCode,
  secretHash,
} from '../../src/db/repositories/web-sessions.js';
import type { Sandbox } from '../../src/web/sandbox.js';
import { startTestSandbox } from '../helpers/sandbox.js';
import { WebClient } from '../helpers/web-client.js';

/*
 * The web page's secrets are kept hashed (docs/architecture.md, "Files and permissions"): whoever reads the
 * database, or a backup of it, holds no cookie and no /web code that works.
 */

let sb: Sandbox;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-secrets-'));
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const secretary = () => sb.invites.find((i) => i.role === 'bi_thu')?.code ?? '';
const NOW = new Date('2026-05-04T03:00:00Z');

describe('web sessions', () => {
  it('the cookie is not in the database, and a backup copy of the row signs nobody in', async () => {
    const lan = new WebClient(sb.server.url);
    expect((await lan.signIn(secretary(), 'Lan')).status).toBe(200);
    const cookieValue = lan.cookie.split('=')[1] ?? '';
    expect(cookieValue).toMatch(/^[0-9a-f]{64}$/);
    expect((await lan.poll()).status).toBe(200);

    const stored = sb.db.$client.prepare('select id from web_sessions').pluck().all() as string[];
    expect(stored).toEqual([secretHash(cookieValue)]);
    // Nowhere in the file: not in any column of any row of the table.
    const dump = JSON.stringify(sb.db.$client.prepare('select * from web_sessions').all());
    expect(dump).not.toContain(cookieValue);

    const copy = path.join(dir, 'copy.sqlite');
    backupDatabase(sb.db, copy);
    const fromCopy = new Database(copy, { readonly: true });
    const copied = fromCopy.prepare('select id from web_sessions').pluck().all() as string[];
    fromCopy.close();
    expect(copied).toEqual(stored);
    expect(fs.readFileSync(copy).includes(Buffer.from(cookieValue))).toBe(false);

    // The stored value, presented as a cookie: signed out.
    const thief = new WebClient(sb.server.url);
    thief.cookie = `phien=${copied[0]}`;
    expect((await thief.poll()).status).toBe(401);
    expect((await thief.call('POST', '/api/send', { text: '/tiendo' })).status).toBe(401);
    // The real cookie still works; signing out with the stored value ends nothing.
    expect((await thief.call('POST', '/api/signout', {})).status).toBe(200);
    expect((await lan.poll()).status).toBe(200);
    await lan.call('POST', '/api/signout', {});
    expect(sb.db.$client.prepare('select count(*) from web_sessions').pluck().get()).toBe(0);
  });
});

describe('/web sign-in codes', () => {
  it('are kept as hashes: the stored value redeems nothing, the code the user holds does', () => {
    const userId = sb.db.$client.prepare('select id from users limit 1').pluck().get() as number;
    const { code } = createWebSignInCode(sb.db, userId, NOW);
    const stored = sb.db.$client
      .prepare('select code from web_sign_in_codes where user_id = ?')
      .pluck()
      .all(userId) as string[];
    expect(stored).toEqual([secretHash(code)]);
    expect(stored).not.toContain(code);
    expect(redeemWebSignInCode(sb.db, stored[0] ?? '', NOW)).toBeNull();
    // Typed in lower case, as a user may: the code is normalised before it is hashed.
    expect(redeemWebSignInCode(sb.db, code.toLowerCase(), NOW)).toBe(userId);
    expect(redeemWebSignInCode(sb.db, code, NOW)).toBeNull();
  });
});
