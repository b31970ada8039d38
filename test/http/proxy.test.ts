import { describe, expect, it } from 'vitest';
import { LOOPBACK_PROXIES, TrustedProxies } from '../../src/http/proxy.js';

/* Who the client is behind reverse proxies (TRUST_PROXY): the right-most address no trusted proxy vouches for. */

const req = (socket: string, forwarded?: string, proto?: string) => ({
  socket: { remoteAddress: socket },
  headers: {
    ...(forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }),
    ...(proto === undefined ? {} : { 'x-forwarded-proto': proto }),
  },
});

describe('the client behind trusted proxies', () => {
  const loopback = new TrustedProxies(LOOPBACK_PROXIES);

  it('is the right-most address of X-Forwarded-For no trusted proxy added: what the client wrote is ignored', () => {
    // nginx's $proxy_add_x_forwarded_for: what the client sent, then the address nginx saw.
    expect(loopback.client(req('127.0.0.1', '6.6.6.6, 203.0.113.7'))).toBe('203.0.113.7');
    expect(loopback.client(req('::ffff:127.0.0.1', '203.0.113.7'))).toBe('203.0.113.7');
    expect(loopback.client(req('::1', '2001:db8::7'))).toBe('2001:db8::7');
  });

  it('is the socket when the socket is not a trusted proxy, whatever the header says', () => {
    expect(loopback.client(req('198.51.100.4', '203.0.113.7'))).toBe('198.51.100.4');
    expect(loopback.client(req('::ffff:198.51.100.4'))).toBe('198.51.100.4');
  });

  it('walks past every trusted proxy, given as addresses or CIDRs', () => {
    const chain = new TrustedProxies(['10.0.0.0/8', '192.0.2.10', '2001:db8:1::/48']);
    expect(chain.client(req('10.1.2.3', '6.6.6.6, 203.0.113.7, 192.0.2.10, 10.9.9.9'))).toBe('203.0.113.7');
    expect(chain.client(req('2001:db8:1::5', '203.0.113.7'))).toBe('203.0.113.7');
    // Only proxies in the header: the left-most is as far as one can see.
    expect(chain.client(req('10.1.2.3', '10.0.0.5, 192.0.2.10'))).toBe('10.0.0.5');
    expect(chain.client(req('10.1.2.3'))).toBe('10.1.2.3');
    // A proxy on this machine is not trusted unless listed.
    expect(chain.client(req('127.0.0.1', '203.0.113.7'))).toBe('127.0.0.1');
  });

  it('cuts what is not an address to a short key', () => {
    expect(loopback.client(req('127.0.0.1', `${'x'.repeat(500)}`))).toHaveLength(64);
  });

  it('is on https only when a trusted proxy says so', () => {
    expect(loopback.https(req('127.0.0.1', undefined, 'https'))).toBe(true);
    expect(loopback.https(req('127.0.0.1', undefined, 'http'))).toBe(false);
    expect(loopback.https(req('198.51.100.4', undefined, 'https'))).toBe(false);
  });

  it('is a trusted proxy itself (exempt from the per-address connection cap)', () => {
    expect(loopback.has('127.0.0.1')).toBe(true);
    expect(loopback.has('::ffff:127.0.0.1')).toBe(true);
    expect(loopback.has('127.0.0.2')).toBe(false);
    expect(new TrustedProxies([]).has('127.0.0.1')).toBe(false);
  });
});
