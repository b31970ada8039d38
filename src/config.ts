import { z } from 'zod';
import { BOT_TOKEN_HOWTO } from './help-texts.js';
import { LOOPBACK_PROXIES, parseProxy } from './http/proxy.js';

/** An http(s) URL, or unset (an empty value in .env counts as unset: see withoutEmpty). */
const optionalUrl = (error: string) => z.url({ protocol: /^https?$/, error }).optional();

/** A sending limit: a whole number ≥ 0, 0 = no limit; unset or empty gives the default. */
const rate = (fallback: number) =>
  z
    .string()
    .trim()
    .default('')
    .refine((s) => /^\d{0,6}$/.test(s), 'phải là số nguyên không âm (0 = không giới hạn)')
    .transform((s) => (s === '' ? fallback : Number(s)));

/** A time of day `HH:MM`; unset or empty gives the default. */
const dailyTime = (fallback: string) =>
  z
    .string()
    .trim()
    .default('')
    .transform((s) => s || fallback)
    .refine((s) => /^([01]?\d|2[0-3]):[0-5]\d$/.test(s), `phải là giờ dạng HH:MM, ví dụ ${fallback}`)
    .transform((s) => {
      const [h = 0, m = 0] = s.split(':').map(Number);
      return { hour: h, minute: m };
    });

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where Telegram delivers updates in webhook mode. Telegram only calls https URLs; plain http is accepted for a
 * loopback host alone (a self-hosted Bot API server on the same machine, and the tests).
 */
const webhookUrl = z
  .string()
  .trim()
  .default('')
  .refine((s) => {
    if (s === '') return true;
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname));
    } catch {
      return false;
    }
  }, 'phải là địa chỉ https:// công khai (http:// chỉ dùng được với 127.0.0.1 hoặc localhost)')
  .transform((s) => s || undefined);

export { BOT_TOKEN_HOWTO };

/** The only reader of process.env. A bad value names the variable; main() exits non-zero. */
const schema = z.object({
  BOT_TOKEN: z
    .string({ error: `bắt buộc: mã bot do @BotFather cấp (${BOT_TOKEN_HOWTO})` })
    .trim()
    .regex(/^\d+:[\w-]{20,}$/, 'không đúng dạng mã bot (123456:ABC...)'),
  DATABASE_PATH: z.string().trim().min(1).default('./data/bot.sqlite'),
  TELEGRAM_API_ROOT: optionalUrl('phải là một URL (http:// hoặc https://)'),
  ADMIN_IDS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const ids: number[] = [];
      for (const part of s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        if (!/^\d{1,15}$/.test(part)) {
          ctx.addIssue({ code: 'custom', message: `"${part}" không phải mã người dùng Telegram (số)` });
          return z.NEVER;
        }
        ids.push(Number(part));
      }
      return ids;
    }),
  TIMEZONE: z
    .string()
    .default('Asia/Ho_Chi_Minh')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'múi giờ không hợp lệ (ví dụ Asia/Ho_Chi_Minh)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTPS_PROXY: optionalUrl('phải là một URL (http://host:port)'),
  SEND_MAX_PER_SECOND: rate(30),
  SEND_MAX_PER_CHAT_PER_SECOND: rate(1),
  SEND_MAX_PER_GROUP_PER_MINUTE: rate(20),
  REMINDERS: z
    .enum(['on', 'off'], { error: 'phải là on hoặc off' })
    .default('on')
    .transform((v) => v === 'on'),
  REMINDER_TIME: dailyTime('08:00'),
  REMINDER_DAYS: z
    .string()
    .trim()
    .default('1-5')
    .refine(
      (s) => /^[1-7](-[1-7])?(,[1-7](-[1-7])?)*$/.test(s),
      'phải là các thứ trong tuần 1–7 (1 = thứ Hai), ví dụ 1-5',
    )
    .transform((s) =>
      [
        ...new Set(
          s.split(',').flatMap((part) => {
            const [a = 1, b = a] = part.split('-').map(Number);
            return Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i);
          }),
        ),
      ].sort(),
    ),
  BACKUPS: z
    .enum(['on', 'off'], { error: 'phải là on hoặc off' })
    .default('on')
    .transform((v) => v === 'on'),
  BACKUP_DIR: z
    .string()
    .trim()
    .default('')
    .transform((s) => s || './data/backups'),
  BACKUP_TIME: dailyTime('02:00'),
  /** Days of daily copies kept; 0 keeps them all. */
  BACKUP_KEEP_DAYS: rate(14),
  WEBHOOK_URL: webhookUrl,
  /** Telegram's rule for secret_token; checked against X-Telegram-Bot-Api-Secret-Token on every request. */
  WEBHOOK_SECRET: z
    .string()
    .trim()
    .default('')
    .refine((s) => /^[A-Za-z0-9_-]{0,256}$/.test(s), 'chỉ gồm 1–256 ký tự A–Z, a–z, 0–9, _ và -')
    .transform((s) => s || undefined),
  WEBHOOK_PORT: z
    .string()
    .trim()
    .default('')
    .transform((s) => s || '3000')
    .refine((s) => /^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= 65535, 'phải là số cổng 1–65535')
    .transform(Number),
  WEBHOOK_HOST: z
    .string()
    .trim()
    .default('')
    .transform((s) => s || '127.0.0.1'),
  /** The web channel (src/web/): off unless a port is given. */
  WEB_PORT: z
    .string()
    .trim()
    .default('')
    .refine(
      (s) => s === '' || (/^\d{1,5}$/.test(s) && Number(s) <= 65535),
      'phải là số cổng 0–65535 (để trống: tắt)',
    )
    .transform((s) => (s === '' ? undefined : Number(s))),
  WEB_HOST: z
    .string()
    .trim()
    .default('')
    .transform((s) => s || '127.0.0.1'),
  /** The web page's public address (behind a reverse proxy): the host name it answers besides IP addresses. */
  WEB_URL: optionalUrl(
    'phải là địa chỉ công khai của trang, http:// hoặc https://, ví dụ https://baocao.tinhuy.vn/',
  ),
  /**
   * The reverse proxies in front of the web page and the webhook (addresses or CIDRs): the client is the
   * right-most X-Forwarded-For address none of them added (src/http/proxy.ts). Default: one on this machine.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const entries = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      for (const entry of entries) {
        if (parseProxy(entry)) continue;
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" không phải địa chỉ IP hoặc dải CIDR (ví dụ 10.0.0.5 hoặc 10.0.0.0/8)`,
        });
        return z.NEVER;
      }
      return entries.length > 0 ? entries : [...LOOPBACK_PROXIES];
    }),
  /** `test`: a message too long for Telegram fails at once instead of going as a short fallback (limits.ts). */
  NODE_ENV: z.string().trim().default(''),
  /** Run as if started at this instant (src/clock.ts): drills and end-to-end tests; unset in service. */
  CLOCK_START: z
    .string()
    .trim()
    .default('')
    .refine(
      (s) =>
        s === '' ||
        (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(s) &&
          !Number.isNaN(Date.parse(s))),
      'phải là một thời điểm có múi giờ, ví dụ 2026-12-31T23:59:00+07:00 (để trống: giờ của máy)',
    )
    .transform((s) => (s === '' ? undefined : new Date(s))),
});

/** A webhook needs its secret, or anyone who learns the URL could post updates as any user. */
const webhookNeedsSecret = (c: { WEBHOOK_URL?: string | undefined; WEBHOOK_SECRET?: string | undefined }) =>
  !c.WEBHOOK_URL || Boolean(c.WEBHOOK_SECRET);
const secretIssue = {
  // Also when another variable is wrong, so one run of the bot names every mistake.
  when: () => true,
  message: 'bắt buộc khi đặt WEBHOOK_URL: một chuỗi bí mật 1–256 ký tự A–Z, a–z, 0–9, _ và -',
  path: ['WEBHOOK_SECRET'],
};

export type Config = z.infer<typeof schema>;

export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: readonly ConfigIssue[] = [],
  ) {
    super(message);
  }
}

type Env = Record<string, string | undefined>;

/**
 * An empty or blank value means "not set", for every variable: `.env.example` copied as it is leaves most of them
 * empty, and the CLI and the sandbox must work with it.
 */
function withoutEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

function parse<T extends z.ZodType>(s: T, env: Env): z.infer<T> {
  const result = s.safeParse(withoutEmpty(env));
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message }));
  const lines = issues.map((i) => `- ${i.variable}: ${i.message}`);
  throw new ConfigError(`Cấu hình không hợp lệ:\n${lines.join('\n')}`, issues);
}

export function loadConfig(env: Env = process.env): Config {
  return parse(schema.refine(webhookNeedsSecret, secretIssue), env);
}

/** The CLI works without a bot token for everything but talking to Telegram. */
export function loadCliConfig(env: Env = process.env) {
  return parse(
    schema
      .partial({ BOT_TOKEN: true })
      .extend({ BOT_TOKEN: schema.shape.BOT_TOKEN.optional() })
      .refine(webhookNeedsSecret, secretIssue),
    env,
  );
}

/** BOT_TOKEN alone, read as the bot reads it: the doctor checks the token apart from the rest. */
export function loadToken(env: Env = process.env): string {
  return parse(schema.pick({ BOT_TOKEN: true }), env).BOT_TOKEN;
}
