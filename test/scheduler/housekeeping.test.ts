import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { flushWrites } from '../../src/db/deferred.js';
import { markProcessed } from '../../src/db/repositories/processed-updates.js';
import { saveWebChat, saveWebMessage } from '../../src/db/repositories/web-chats.js';
import {
  createWebSession,
  createWebSignInCode,
  redeemWebSignInCode,
} from '../../src/db/repositories/web-sessions.js';
import { HOUSEKEEPING_CRON, startHousekeeping } from '../../src/scheduler/housekeeping.js';
import { runHousekeeping } from '../../src/scheduler/jobs/housekeeping.js';
import { testClock } from '../helpers/instant.js';
import { testDb } from '../helpers/test-db.js';

/* The tables that grow while the bot runs are pruned every hour, not only at start (issue 15). */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the hourly housekeeping job', () => {
  it('drops spent and expired /web codes, old redelivery marks, expired sessions and idle page transcripts', () => {
    const db = testDb();
    const now = testClock();
    const at = (ms: number) => new Date(now.getTime() + ms);
    db.$client.prepare("insert into users (id, first_name) values (1, 'Lan')").run();
    const count = (table: string) => db.$client.prepare(`select count(*) from ${table}`).pluck().get();

    createWebSignInCode(db, 1, at(-20 * 60_000)); // expired 5 minutes ago
    const spent = createWebSignInCode(db, 1, at(-60_000));
    redeemWebSignInCode(db, spent.code, at(-30_000));
    createWebSignInCode(db, 1, now); // still good
    markProcessed(db, 1, at(-8 * DAY));
    markProcessed(db, 2, at(-HOUR));
    createWebSession(db, 1, at(-31 * DAY));
    createWebSession(db, 1, at(-DAY));
    saveWebChat(db, 1, { version: 3, lastMessageId: 1 }, at(-91 * DAY));
    saveWebMessage(db, 1, 1, { from: 'bot', text: 'cũ', buttons: [] });
    saveWebChat(db, 2, { version: 1, lastMessageId: 1 }, at(-DAY));
    saveWebMessage(db, 2, 1, { from: 'bot', text: 'mới', buttons: [] });
    flushWrites(db);

    const pruned = runHousekeeping(db, now);
    expect(pruned).toMatchObject({ signInCodes: 2, processedUpdates: 1, webSessions: 1, webChats: 1 });
    expect([count('web_sign_in_codes'), count('processed_updates'), count('web_sessions')]).toEqual([
      1, 1, 1,
    ]);
    expect(db.$client.prepare('select user_id, body from web_messages').all()).toEqual([
      { user_id: 2, body: JSON.stringify({ from: 'bot', text: 'mới', buttons: [] }) },
    ]);
  });

  it('runs every hour, and once at start, on the injected clock', async () => {
    expect(HOUR_OF(HOUSEKEEPING_CRON)).toBe('*');
    const seen: Date[] = [];
    const scheduler = startHousekeeping({
      timeZone: 'Asia/Ho_Chi_Minh',
      logger: pino({ level: 'silent' }),
      now: () => new Date('2026-11-28T03:00:00Z'),
      job: (at) => {
        seen.push(at);
        return {};
      },
    });
    await scheduler.runNow();
    await scheduler.stop();
    expect(seen).toEqual([new Date('2026-11-28T03:00:00Z'), new Date('2026-11-28T03:00:00Z')]);
  });
});

/** The hour field of a five-field cron expression. */
const HOUR_OF = (cron: string) => cron.split(' ')[1];
