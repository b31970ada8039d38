import fs from 'node:fs';
import dotenv from 'dotenv';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadCliConfig, loadConfig } from '../src/config.js';

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabc';

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({ BOT_TOKEN: TOKEN });
    expect(c).toEqual({
      BOT_TOKEN: TOKEN,
      DATABASE_PATH: './data/bot.sqlite',
      TIMEZONE: 'Asia/Ho_Chi_Minh',
      LOG_LEVEL: 'info',
      ADMIN_IDS: [],
      SEND_MAX_PER_SECOND: 30,
      SEND_MAX_PER_CHAT_PER_SECOND: 1,
      SEND_MAX_PER_GROUP_PER_MINUTE: 20,
      REMINDERS: true,
      REMINDER_TIME: { hour: 8, minute: 0 },
      REMINDER_DAYS: [1, 2, 3, 4, 5],
      BACKUPS: true,
      BACKUP_DIR: './data/backups',
      BACKUP_TIME: { hour: 2, minute: 0 },
      BACKUP_KEEP_DAYS: 14,
      WEBHOOK_PORT: 3000,
      WEBHOOK_HOST: '127.0.0.1',
      WEB_HOST: '127.0.0.1',
      TRUST_PROXY: ['127.0.0.1', '::1'],
      NODE_ENV: '',
      CLOCK_START: undefined,
    });
  });

  it('reads TRUST_PROXY as addresses or CIDRs of the reverse proxies; names a wrong one', () => {
    const c = loadConfig({ BOT_TOKEN: TOKEN, TRUST_PROXY: ' 10.0.0.0/8, 192.0.2.10 ,2001:db8::/32' });
    expect(c.TRUST_PROXY).toEqual(['10.0.0.0/8', '192.0.2.10', '2001:db8::/32']);
    for (const wrong of ['nginx', '10.0.0.0/33', '2001:db8::/129', '10.0.0/8', '192.0.2.1/']) {
      expect(() => loadConfig({ BOT_TOKEN: TOKEN, TRUST_PROXY: wrong })).toThrow(
        new RegExp(`TRUST_PROXY: "${wrong.replace(/[./]/g, '\\$&')}" không phải địa chỉ IP hoặc dải CIDR`),
      );
    }
  });

  it('takes WEB_URL, the page’s public address, as an http(s) URL', () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN, WEB_URL: 'https://baocao.tinhuy.vn/' }).WEB_URL).toBe(
      'https://baocao.tinhuy.vn/',
    );
    expect(() => loadConfig({ BOT_TOKEN: TOKEN, WEB_URL: 'baocao.tinhuy.vn' })).toThrow(
      /WEB_URL: phải là địa chỉ công khai của trang/,
    );
  });

  it('starts the clock at CLOCK_START, an instant with its time zone; refuses one without', () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN, CLOCK_START: '2026-12-31T23:59:00+07:00' }).CLOCK_START).toEqual(
      new Date('2026-12-31T16:59:00Z'),
    );
    expect(() => loadConfig({ BOT_TOKEN: TOKEN, CLOCK_START: '31/12/2026 23:59' })).toThrow(
      /CLOCK_START: phải là một thời điểm có múi giờ/,
    );
  });

  it('reads administrators and optional URLs; an empty optional value counts as unset', () => {
    const c = loadConfig({
      BOT_TOKEN: TOKEN,
      ADMIN_IDS: ' 111, 222 ',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      HTTPS_PROXY: '',
    });
    expect(c.ADMIN_IDS).toEqual([111, 222]);
    expect(c.TELEGRAM_API_ROOT).toBe('http://127.0.0.1:8081');
    expect(c.HTTPS_PROXY).toBeUndefined();
  });

  it('reads the sending limits; 0 turns a limit off and an empty value keeps the default', () => {
    const c = loadConfig({ BOT_TOKEN: TOKEN, SEND_MAX_PER_SECOND: '0', SEND_MAX_PER_CHAT_PER_SECOND: '' });
    expect([c.SEND_MAX_PER_SECOND, c.SEND_MAX_PER_CHAT_PER_SECOND]).toEqual([0, 1]);
  });

  it('takes an empty or blank value for unset, for every variable', () => {
    const c = loadConfig({
      BOT_TOKEN: ` ${TOKEN} `,
      LOG_LEVEL: '  ',
      TIMEZONE: '',
      REMINDERS: '\t',
      WEB_PORT: ' ',
    });
    expect(c).toMatchObject({ LOG_LEVEL: 'info', TIMEZONE: 'Asia/Ho_Chi_Minh', REMINDERS: true });
    expect(c.WEB_PORT).toBeUndefined();
    expect(() => loadConfig({ BOT_TOKEN: '   ' })).toThrow('BOT_TOKEN: bắt buộc');
  });

  it('.env.example copied as it is: the CLI config loads without a token; the bot asks for one and says where', () => {
    const env = dotenv.parse(fs.readFileSync(new URL('../.env.example', import.meta.url)));
    expect(env.BOT_TOKEN).toBe('');
    expect(loadCliConfig(env).BOT_TOKEN).toBeUndefined();
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(
      'BOT_TOKEN: bắt buộc: mã bot do @BotFather cấp (trong Telegram nhắn @BotFather, gửi /newbot',
    );
    expect(() => loadConfig(env)).toThrow('BOT_TOKEN trong tệp .env');
  });

  it.each([
    [{}, 'BOT_TOKEN'],
    [{ BOT_TOKEN: 'abc' }, 'BOT_TOKEN: không đúng dạng mã bot'],
    [{ BOT_TOKEN: TOKEN, ADMIN_IDS: '12,abc' }, 'ADMIN_IDS: "abc" không phải mã người dùng Telegram'],
    [{ BOT_TOKEN: TOKEN, TIMEZONE: 'Asia/Hanoi_Moon' }, 'TIMEZONE: múi giờ không hợp lệ'],
    [{ BOT_TOKEN: TOKEN, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ BOT_TOKEN: TOKEN, HTTPS_PROXY: 'proxy:3128' }, 'HTTPS_PROXY: phải là một URL'],
    [{ BOT_TOKEN: TOKEN, SEND_MAX_PER_SECOND: '-1' }, 'SEND_MAX_PER_SECOND: phải là số nguyên không âm'],
    [{ BOT_TOKEN: TOKEN, SEND_MAX_PER_GROUP_PER_MINUTE: '2.5' }, 'SEND_MAX_PER_GROUP_PER_MINUTE'],
  ])('refuses %j and names the variable', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(expected);
  });
});

describe('reminder schedule', () => {
  it('defaults to 08:00, Monday to Friday, and reads other days', () => {
    const c = loadConfig({ BOT_TOKEN: TOKEN });
    expect(c.REMINDER_TIME).toEqual({ hour: 8, minute: 0 });
    expect(c.REMINDER_DAYS).toEqual([1, 2, 3, 4, 5]);
    expect(loadConfig({ BOT_TOKEN: TOKEN, REMINDER_DAYS: '1-3,6', REMINDER_TIME: '7:30' })).toMatchObject({
      REMINDER_DAYS: [1, 2, 3, 6],
      REMINDER_TIME: { hour: 7, minute: 30 },
    });
  });

  it.each([
    [{ REMINDER_TIME: '25:00' }, 'REMINDER_TIME'],
    [{ REMINDER_DAYS: '0-8' }, 'REMINDER_DAYS'],
  ])('refuses %j', (env, name) => {
    expect(() => loadConfig({ BOT_TOKEN: TOKEN, ...env })).toThrow(name);
  });
});

describe('daily backup', () => {
  it('reads the folder, time, retention and the switch', () => {
    expect(
      loadConfig({
        BOT_TOKEN: TOKEN,
        BACKUPS: 'off',
        BACKUP_DIR: '/srv/sao-luu',
        BACKUP_TIME: '23:15',
        BACKUP_KEEP_DAYS: '0',
      }),
    ).toMatchObject({
      BACKUPS: false,
      BACKUP_DIR: '/srv/sao-luu',
      BACKUP_TIME: { hour: 23, minute: 15 },
      BACKUP_KEEP_DAYS: 0,
    });
  });

  it.each([
    [{ BACKUPS: 'yes' }, 'BACKUPS: phải là on hoặc off'],
    [{ BACKUP_TIME: '2h' }, 'BACKUP_TIME: phải là giờ dạng HH:MM'],
    [{ BACKUP_KEEP_DAYS: '-3' }, 'BACKUP_KEEP_DAYS'],
  ])('refuses %j', (env, expected) => {
    expect(() => loadConfig({ BOT_TOKEN: TOKEN, ...env })).toThrow(expected);
  });
});

describe('webhook mode', () => {
  const hook = {
    BOT_TOKEN: TOKEN,
    WEBHOOK_URL: 'https://bot.tinhuy.vn/telegram/cap-nhat',
    WEBHOOK_SECRET: 'Bi_mat-123',
  };

  it('is off (long polling) unless WEBHOOK_URL is set; reads the URL, secret, port and listen address', () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN, WEBHOOK_SECRET: '' }).WEBHOOK_URL).toBeUndefined();
    expect(loadConfig({ ...hook, WEBHOOK_PORT: '8443', WEBHOOK_HOST: '0.0.0.0' })).toMatchObject({
      WEBHOOK_URL: 'https://bot.tinhuy.vn/telegram/cap-nhat',
      WEBHOOK_SECRET: 'Bi_mat-123',
      WEBHOOK_PORT: 8443,
      WEBHOOK_HOST: '0.0.0.0',
    });
  });

  it('accepts plain http only for a loopback host', () => {
    for (const url of ['http://127.0.0.1:8081/hook', 'http://localhost/hook']) {
      expect(loadConfig({ ...hook, WEBHOOK_URL: url }).WEBHOOK_URL).toBe(url);
    }
  });

  it.each([
    [{ WEBHOOK_SECRET: '' }, 'WEBHOOK_SECRET: bắt buộc khi đặt WEBHOOK_URL'],
    [{ WEBHOOK_SECRET: 'có dấu cách' }, 'WEBHOOK_SECRET: chỉ gồm 1–256 ký tự'],
    [{ WEBHOOK_SECRET: 'a'.repeat(257) }, 'WEBHOOK_SECRET'],
    [{ WEBHOOK_URL: 'http://bot.tinhuy.vn/hook' }, 'WEBHOOK_URL: phải là địa chỉ https://'],
    [{ WEBHOOK_URL: 'bot.tinhuy.vn/hook' }, 'WEBHOOK_URL'],
    [{ WEBHOOK_PORT: '70000' }, 'WEBHOOK_PORT: phải là số cổng'],
  ])('refuses %j', (env, expected) => {
    expect(() => loadConfig({ ...hook, ...env })).toThrow(expected);
  });

  it('names every wrong variable at once, with the secret among them', () => {
    try {
      loadConfig({ WEBHOOK_URL: hook.WEBHOOK_URL });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).issues.map((i) => i.variable)).toEqual(['BOT_TOKEN', 'WEBHOOK_SECRET']);
    }
  });
});
