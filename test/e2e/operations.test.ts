import { afterAll, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src/ops/health.js';
import {
  type BotProcess,
  freePort,
  startBot,
  stopAllBots,
  tempDbPath,
  untilOutput,
} from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { privateChat, user } from '../helpers/updates.js';

/*
 * Running as a service (docs/architecture.md, "One running copy", "Monitoring"): the real entrypoint, a second
 * copy on the same database refused, GET /healthz, `doctor --liveness`, and losing and regaining Telegram in
 * the log.
 */

const fakes: FakeBotApi[] = [];
afterAll(async () => {
  await stopAllBots();
  await Promise.all(fakes.map((f) => f.stop()));
});

async function fake(): Promise<{ api: FakeBotApi; apiRoot: string; port: number }> {
  const api = new FakeBotApi();
  fakes.push(api);
  const apiRoot = await api.start();
  return { api, apiRoot, port: Number(new URL(apiRoot).port) };
}

const jsonLines = (bot: BotProcess) =>
  bot
    .output()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function healthz(webPort: number) {
  const res = await fetch(`http://127.0.0.1:${webPort}/healthz`);
  return { status: res.status, body: (await res.json()) as HealthReport };
}

async function answersStart(api: FakeBotApi, id: number): Promise<void> {
  const u = user(id, 'Lan');
  const [reply] = await new Conversation(api, u, privateChat(u)).say('/start');
  expect(reply).toContain('đồng chí cần một mã mời');
}

describe('one running copy per database', () => {
  it('a second start on the same database exits 1 naming the first, which keeps serving; kill -9 frees it', async () => {
    const { api, apiRoot } = await fake();
    const databasePath = tempDbPath();
    const webPort = await freePort();
    const env = { WEB_PORT: String(webPort), WEB_HOST: '127.0.0.1' };
    const first = await startBot({ apiRoot, databasePath, api, env });
    const getMes = api.callsOf('getMe').length;

    const second = await startBot({ apiRoot, databasePath, env: { WEB_PORT: String(await freePort()) } });
    expect(await second.exited).toBe(1);
    const [refusal, ...rest] = jsonLines(second);
    expect(rest).toEqual([]);
    expect(refusal).toMatchObject({ level: 60, holder: { pid: first.pid, command: 'bot' } });
    expect(String(refusal?.msg)).toContain('một bản khác của bot đang chạy với cùng cơ sở dữ liệu');
    expect(String(refusal?.msg)).toContain(`tiến trình ${first.pid} trên máy`);
    // The second copy never reached Telegram, so the first one's updates stay its own.
    expect(api.callsOf('getMe')).toHaveLength(getMes);
    expect(first.child.exitCode).toBeNull();
    await answersStart(api, 9401);
    expect((await healthz(webPort)).status).toBe(200);

    // A crash leaves no stale lock: the system releases it with the process.
    await first.kill9();
    const third = await startBot({ apiRoot, databasePath, api, env });
    await answersStart(api, 9402);
    expect(await third.stop('SIGTERM')).toBe(0);
  });
});

describe('monitoring', () => {
  const databasePath = tempDbPath();
  let bot: BotProcess;
  let webPort = 0;
  let apiPort = 0;
  let api: FakeBotApi;
  const cli = (apiRoot: string) =>
    runCli(['doctor', '--liveness'], {
      apiRoot,
      databasePath,
      extra: { WEB_PORT: String(webPort), WEB_HOST: '127.0.0.1' },
    });

  it('GET /healthz answers 200 with Telegram, the database, the last backup and the last sweep', async () => {
    const f = await fake();
    api = f.api;
    apiPort = f.port;
    webPort = await freePort();
    bot = await startBot({
      apiRoot: f.apiRoot,
      databasePath,
      api,
      env: { WEB_PORT: String(webPort), WEB_HOST: '127.0.0.1', BACKUPS: 'on', BACKUP_TIME: '00:00' },
    });
    await untilOutput(bot, /"msg":"database backed up"/);
    const { status, body } = await healthz(webPort);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', database: 'ok', lastReminderSweep: null });
    expect(body.telegram.state).toBe('up');
    expect(Date.parse(body.telegram.lastAnswer ?? '')).not.toBeNaN();
    expect(Date.parse(body.lastBackup ?? '')).not.toBeNaN();

    const live = await cli(f.apiRoot);
    expect(live.code).toBe(0);
    expect(live.stdout).toMatch(/^✅ Bot hoạt động bình thường\. Telegram trả lời lần cuối: \d\d:\d\d /);
  });

  it('losing Telegram is logged once at warn, getting it back at info with how long it was down', async () => {
    await api.stop();
    await untilOutput(bot, /"msg":"Telegram lost"/);
    const during = await healthz(webPort);
    // Not yet five minutes: still 200, but it says Telegram is failing.
    expect(during.status).toBe(200);
    expect(during.body.telegram.state).toBe('lost');
    expect(Date.parse(during.body.telegram.failingSince ?? '')).not.toBeNaN();

    const back = new FakeBotApi();
    fakes.push(back);
    await back.start(apiPort);
    // The first poll to the new server is answered when there is an update (or after its 50 s time-out).
    await answersStart(back, 9403);
    await untilOutput(bot, /"msg":"Telegram reachable again"/);
    const lines = jsonLines(bot);
    const lost = lines.filter((l) => l.msg === 'Telegram lost');
    const regained = lines.filter((l) => l.msg === 'Telegram reachable again');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ level: 40 });
    expect(regained).toHaveLength(1);
    expect(regained[0]).toMatchObject({ level: 30 });
    expect(Number(regained[0]?.downMs)).toBeGreaterThan(0);
    expect((await healthz(webPort)).body.telegram.state).toBe('up');
  });

  it('doctor --liveness says the bot is down once it has stopped, exit 1', async () => {
    expect(await bot.stop('SIGTERM')).toBe(0);
    const down = await cli(`http://127.0.0.1:${apiPort}`);
    expect(down.code).toBe(1);
    expect(down.stdout).toContain(`❌ Không hỏi được http://127.0.0.1:${webPort}/healthz`);
  });
});
