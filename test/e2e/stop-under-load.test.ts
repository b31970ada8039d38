import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterAll, afterEach, expect, it } from 'vitest';
import { startBot, stopAllBots, tempDbPath } from '../helpers/bot-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { privateChat, user } from '../helpers/updates.js';
import { query } from '../helpers/world.js';

/*
 * Stopping is bounded (docs/architecture.md, "Stopping") even on a loaded machine: SIGTERM ends the real
 * entrypoint within 5 s with exit code 0. This file loads every core, so it runs alone, after every other test
 * file (the "alone" project in vitest.config.ts): the load must not starve the timing checks of a file beside it.
 * The other SIGTERM cases are in stop.test.ts.
 */

const BOUND_MS = 5000;
const api = new FakeBotApi();

afterEach(async () => {
  await stopAllBots();
});

afterAll(async () => {
  await api.stop();
});

it('SIGTERM with the machine loaded: a busy loop on every core, a reply in flight; exit 0 within 5 s, what was handled stays handled', async () => {
  const dbPath = tempDbPath();
  const bot = await startBot({ apiRoot: await api.start(), databasePath: dbPath, api });
  // As a suite running beside it would: every core kept busy until the bot has stopped.
  const load: ChildProcess[] = [];
  try {
    for (let i = 0; i < Math.max(2, availableParallelism()); i++)
      load.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
    const handled: number[] = [];
    for (const [i, name] of ['Khánh', 'Lâm', 'Minh'].entries()) {
      const u = user(9410 + i, name);
      handled.push(api.pushText(u, privateChat(u), '/start'));
      await api.waitForMessage(u.id, 'mã mời', 20_000);
    }
    api.delay('sendMessage', 20_000);
    const last = user(9419, 'Ngân');
    api.pushText(last, privateChat(last), '/start');
    const end = Date.now() + 20_000;
    while (!api.calls.some((c) => c.method === 'sendMessage' && c.status === 'pending')) {
      if (Date.now() > end) throw new Error(`no reply in flight; recent calls:\n${api.describeCalls()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const t0 = performance.now();
    const code = await bot.stop('SIGTERM');
    const ms = performance.now() - t0;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(BOUND_MS);
    const kept = query(dbPath, 'select update_id from processed_updates') as { update_id: number }[];
    expect(kept.map((r) => r.update_id)).toEqual(expect.arrayContaining(handled));
  } finally {
    for (const child of load) child.kill('SIGKILL');
  }
}, 60_000);
