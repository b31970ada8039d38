import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI,
  MAIN,
  REPO_ROOT,
  START_NODE_ARGS,
  startBot,
  stopAllBots,
  TEST_TOKEN,
  tempDbPath,
} from '../helpers/bot-process.js';
import { Conversation } from '../helpers/conversation.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { privateChat, user } from '../helpers/updates.js';
import { query } from '../helpers/world.js';

const api = new FakeBotApi();
let apiRoot: string;

beforeAll(async () => {
  apiRoot = await api.start();
});

afterAll(async () => {
  await stopAllBots();
  await api.stop();
});

describe('starting the bot', () => {
  it('is started by the tests exactly as `npm start` starts it', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(['node', ...START_NODE_ARGS, MAIN].join(' '));
    expect(pkg.scripts.cli).toBe(`node ${CLI}`);
  });

  it('exits non-zero and names the variable when the configuration is wrong', async () => {
    const bot = await startBot({
      apiRoot,
      databasePath: tempDbPath(),
      env: { BOT_TOKEN: '', ADMIN_IDS: 'x1' },
    });
    expect(await bot.exited).toBe(1);
    // One JSON line (every log line is), the fatal one, naming both variables.
    const [line, ...rest] = bot.output().trim().split('\n');
    expect(rest).toEqual([]);
    const fatal = JSON.parse(line ?? '') as { level: number; msg: string };
    expect(fatal.level).toBe(60);
    expect(fatal.msg).toContain('BOT_TOKEN');
    expect(fatal.msg).toContain('ADMIN_IDS: "x1" không phải mã người dùng Telegram');
  });

  it('creates and migrates the database on first start, remembers its username, and stops cleanly', async () => {
    const dbPath = path.join(path.dirname(tempDbPath()), 'new', 'folder', 'bot.sqlite');
    const bot = await startBot({ apiRoot, databasePath: dbPath, api });
    expect(existsSync(dbPath)).toBe(true);
    expect(query(dbPath, "select value from settings where key = 'bot_username'")).toEqual([
      { value: 'test_bot' },
    ]);
    expect(await bot.stop('SIGINT')).toBe(0);
  });

  it('logs one line per update with its id, step, duration and outcome, but never what people typed or the token', async () => {
    const bot = await startBot({ apiRoot, databasePath: tempDbPath(), api });
    const u = user(9001, 'Quang');
    const c = new Conversation(api, u, privateChat(u));
    await c.say('/start MAMOIBIMAT');
    await c.say('mật khẩu nhà tôi là 12345');
    await bot.stop();
    const lines = bot
      .output()
      .split('\n')
      .filter((l) => l.includes('"msg":"update"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ step: 'start:invite:not_found', outcome: 'ok' });
    expect(lines[1]).toMatchObject({ step: 'text', outcome: 'ok' });
    for (const l of lines) {
      expect(typeof l.update).toBe('number');
      expect(typeof l.ms).toBe('number');
    }
    expect(bot.output()).not.toContain('12345');
    expect(bot.output()).not.toContain('MAMOIBIMAT');
    expect(bot.output()).not.toContain(TEST_TOKEN.split(':')[1]);
  });
});
