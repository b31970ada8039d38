import { getSetting, setSetting } from '../db/repositories/settings.js';
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
  const { token, apiRoot = 'https://api.telegram.org', fetch: doFetch = fetch } = ctx.telegram;
  if (!token) return { ok: false, why: null };
  try {
    const res = await doFetch(`${apiRoot.replace(/\/+$/, '')}/bot${token}/getMe`, {
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { ok?: boolean; result?: { username?: string }; description?: string };
    const username = body.result?.username;
    if (!body.ok || !username) return { ok: false, why: body.description ?? `HTTP ${res.status}` };
    setSetting(ctx.db, BOT_USERNAME_KEY, username);
    return { ok: true, username };
  } catch (e) {
    // Never echo the token, whatever the network layer put in its message.
    return { ok: false, why: (e as Error).message.replaceAll(token, '…') };
  }
}
