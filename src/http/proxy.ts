import { BlockList, isIP } from 'node:net';

/*
 * Who is on the other end of a request behind reverse proxies (TRUST_PROXY; docs/architecture.md, "Limits"). A
 * proxy appends the address it saw to X-Forwarded-For; whatever stands left of it was written by someone else,
 * possibly the client. So the client is the right-most address that no trusted proxy added.
 */

/** The default: a reverse proxy on this machine (README, "Trang web"). */
export const LOOPBACK_PROXIES: readonly string[] = ['127.0.0.1', '::1'];

/** An address or a CIDR range, as TRUST_PROXY takes them; null when it is neither. */
export function parseProxy(
  entry: string,
): { address: string; prefix?: number; type: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const type = version === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) return { address, type };
  const bits = Number(prefix);
  const ok = /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
  return ok ? { address, prefix: bits, type } : null;
}

interface RequestLike {
  socket: { remoteAddress?: string | undefined };
  headers: Record<string, string | string[] | undefined>;
}

/** Longer is not an address: a key is cut to this. */
const MAX_KEY = 64;

const typeOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** `::ffff:192.0.2.1` (an IPv4 client of a dual-stack socket) → `192.0.2.1`. */
const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

export class TrustedProxies {
  private readonly list = new BlockList();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const p = parseProxy(entry);
      if (!p) throw new RangeError(`not an address or CIDR: ${entry}`);
      if (p.prefix === undefined) this.list.addAddress(p.address, p.type);
      else this.list.addSubnet(p.address, p.prefix, p.type);
    }
  }

  /** Whether `address` is one of the trusted proxies. */
  has(address: string | undefined): boolean {
    const a = plain(address ?? '');
    return isIP(a) !== 0 && this.list.check(a, typeOf(a));
  }

  /** The client's address: the socket's, or, past trusted proxies, the right-most untrusted X-Forwarded-For entry. */
  client(req: RequestLike): string {
    let client = plain(req.socket.remoteAddress ?? '');
    if (!this.has(client)) return client;
    const forwarded = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = plain(hops[i]?.trim() ?? '');
      if (!hop) continue;
      client = hop.slice(0, MAX_KEY);
      if (!this.has(hop)) break;
    }
    return client;
  }

  /** Whether the client reached a trusted proxy over https (its X-Forwarded-Proto; the last one, its own). */
  https(req: RequestLike): boolean {
    if (!this.has(req.socket.remoteAddress)) return false;
    const proto = req.headers['x-forwarded-proto'];
    const last = (Array.isArray(proto) ? proto.join(',') : (proto ?? '')).split(',').pop();
    return last?.trim().toLowerCase() === 'https';
  }
}
