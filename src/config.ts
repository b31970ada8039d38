import { z } from 'zod';

/** An http(s) URL, or unset (an empty value in .env counts as unset). */
const optionalUrl = (error: string) =>
  z
    .url({ protocol: /^https?$/, error })
    .optional()
    .or(z.literal('').transform(() => undefined));

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

/** The only reader of process.env. A bad value names the variable; main() exits non-zero. */
const schema = z.object({
  BOT_TOKEN: z
    .string({ error: 'bắt buộc: mã bot do @BotFather cấp' })
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
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function parse<T extends z.ZodType>(s: T, env: Env): z.infer<T> {
  const result = s.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `- ${String(i.path[0] ?? '?')}: ${i.message}`);
  throw new ConfigError(`Cấu hình không hợp lệ:\n${lines.join('\n')}`);
}

export function loadConfig(env: Env = process.env): Config {
  return parse(schema, env);
}

/** The CLI works without a bot token for everything but talking to Telegram. */
export function loadCliConfig(env: Env = process.env) {
  return parse(
    schema.partial({ BOT_TOKEN: true }).extend({ BOT_TOKEN: schema.shape.BOT_TOKEN.optional() }),
    env,
  );
}
