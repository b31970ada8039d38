import { TelegramError } from 'telegraf';
import { getSetting, setSetting } from '../db/repositories/settings.js';
import { withBotApi } from '../telegram/bot-api.js';
import type { CliContext } from './context.js';

/** The bot stores its username under this key after its first getMe. */
export const BOT_USERNAME_KEY = 'bot_username';

export type BotUsername = { ok: true; username: string } | { ok: false; why: string | null };

/**
 * The bot's @username for t.me links: remembered in settings, else asked of the Bot API (getMe) when a
 * token is configured, and then remembered. `why` explains a failed getMe; null when there is no token.
 */
export async function resolveBotUsername(ctx: CliContext): Promise<BotUsername> {
  const saved = getSetting(ctx.db, BOT_USERNAME_KEY);
  if (saved) return { ok: true, username: saved };
  const { token } = ctx.telegram;
  if (!token) return { ok: false, why: null };
  try {
    const me = (await withBotApi({ ...ctx.telegram, token, timeoutMs: 10_000 }, (call) =>
      call('getMe', {}),
    )) as { username?: string };
    if (!me.username) return { ok: false, why: 'getMe: no username' };
    setSetting(ctx.db, BOT_USERNAME_KEY, me.username);
    return { ok: true, username: me.username };
  } catch (e) {
    // Never echo the token, whatever the network layer put in its message.
    const why = e instanceof TelegramError ? e.description : (e as Error).message;
    return { ok: false, why: why.replaceAll(token, '…') };
  }
}
