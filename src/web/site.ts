import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { TrustedProxies } from '../http/proxy.js';

/*
 * Who the web page is (docs/architecture.md, "Limits"): the host names it answers (DNS rebinding), the origin its
 * POSTs come from (CSRF), and its session cookie's name and flags.
 */

export const COOKIE = 'phien';
/** Over https: a cookie only this host can set, with Secure and Path=/ (no subdomain can plant one). */
export const SECURE_COOKIE = `__Host-${COOKIE}`;

/** The request's URL, or null when it cannot be read (a malformed host or path). */
export function parseUrl(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

/** A host name no one can point elsewhere: an IP address, or localhost. */
function isAddress(hostname: string): boolean {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(bare) !== 0 || hostname === 'localhost';
}

/**
 * Which host names and origins the page answers (DNS rebinding, CSRF), and which cookie a request uses: on https
 * `__Host-phien`, else `phien`.
 */
export class Site {
  private readonly publicUrl: URL | null;

  constructor(
    publicUrl: string | undefined,
    private readonly proxies: TrustedProxies,
  ) {
    this.publicUrl = publicUrl ? new URL(publicUrl) : null;
  }

  /** A name for this server: an address, or WEB_URL's host. Another name is someone else's DNS pointing here. */
  servesHost(host: string | undefined): boolean {
    if (!host) return false;
    if (this.publicUrl && host.toLowerCase() === this.publicUrl.host) return true;
    const hostname = parseUrl(`http://${host}/`)?.hostname;
    return hostname !== undefined && isAddress(hostname);
  }

  /**
   * A POST from the page itself: its Origin, when the browser gives one, is this very host (or WEB_URL's, when a
   * proxy passes another Host).
   */
  sameSite(req: IncomingMessage): boolean {
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') return false;
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false; // `null`: a sandboxed frame, a redirect from elsewhere
    }
    return host === req.headers.host?.toLowerCase() || host === this.publicUrl?.host;
  }

  https(req: IncomingMessage): boolean {
    const p = this.publicUrl;
    return (
      this.proxies.https(req) || (p?.protocol === 'https:' && req.headers.host?.toLowerCase() === p.host)
    );
  }

  cookieName = (req: IncomingMessage) => (this.https(req) ? SECURE_COOKIE : COOKIE);

  cookieOf(req: IncomingMessage): string | undefined {
    const name = this.cookieName(req);
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [k, v] = part.trim().split('=');
      if (k === name && v && /^[0-9a-f]{64}$/.test(v)) return v;
    }
    return undefined;
  }

  sessionCookie(req: IncomingMessage, value: string, maxAge: number): string {
    const secure = this.https(req) ? '; Secure' : '';
    return `${this.cookieName(req)}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
  }
}
