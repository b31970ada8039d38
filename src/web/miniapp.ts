import { validate } from '@telegram-apps/init-data-node';

/*
 * A Telegram Mini App's sign-in (docs/architecture.md, "Dashboard"): the initData Telegram gives the page is
 * signed with a key made from the bot's token ("Validating data received via the Mini App"); checked by
 * @telegram-apps/init-data-node, its age by the bot's own clock (the library reads the wall clock, tests fix
 * ours), then its user is the same users row the bot knows (users.id is the Telegram id).
 */

/** initData older than this is refused: a copied link or a replayed request. */
export const INIT_DATA_MAX_AGE_S = 3600;
/** A little clock skew between Telegram and this machine. */
const FUTURE_SKEW_S = 300;

export type InitDataCheck =
  | { ok: true; user: { id: number; firstName: string; lastName?: string; username?: string } }
  | { ok: false; reason: 'malformed' | 'signature' | 'stale' | 'no-user' };

export function checkInitData(initData: string, botToken: string, now: Date): InitDataCheck {
  if (!initData || initData.length > 8192) return { ok: false, reason: 'malformed' };
  try {
    // expiresIn 0: the library does not look at the age; we do, below, with the bot's clock.
    validate(initData, botToken, { expiresIn: 0 });
  } catch {
    return { ok: false, reason: 'signature' };
  }
  // Signed, so its fields are Telegram's: read them plainly.
  const params = new URLSearchParams(initData);
  const authDate = Number(params.get('auth_date'));
  const age = now.getTime() / 1000 - authDate;
  if (!Number.isFinite(authDate) || !(age <= INIT_DATA_MAX_AGE_S && age >= -FUTURE_SKEW_S)) {
    return { ok: false, reason: 'stale' };
  }
  let u: { id?: unknown; first_name?: unknown; last_name?: unknown; username?: unknown } | null = null;
  try {
    u = JSON.parse(params.get('user') ?? 'null');
  } catch {}
  if (!u || typeof u.id !== 'number' || !Number.isSafeInteger(u.id) || u.id <= 0) {
    return { ok: false, reason: 'no-user' };
  }
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 64) : '');
  return {
    ok: true,
    user: {
      id: u.id,
      firstName: text(u.first_name) || String(u.id),
      ...(text(u.last_name) ? { lastName: text(u.last_name) } : {}),
      ...(text(u.username) ? { username: text(u.username) } : {}),
    },
  };
}
