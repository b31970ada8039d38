import pino from 'pino';
import { describe, expect, it } from 'vitest';

/* The page's sign-in limit per address; the Throttle itself: test/domain/throttle.test.ts. */
import { startSandbox } from '../../src/web/sandbox.js';

describe('web sign-in', () => {
  it('after ten wrong codes from one address, refuses even a right one for ten minutes, in Vietnamese', async () => {
    let clock = new Date('2026-11-28T03:00:00Z').getTime();
    const sb = await startSandbox({
      databasePath: ':memory:',
      host: '127.0.0.1',
      port: 0,
      logger: pino({ level: 'silent' }),
      now: () => new Date(clock),
    });
    try {
      const signIn = async (code: string, forwardedFor?: string) => {
        const res = await fetch(new URL('/api/signin', sb.server.url), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
          },
          body: JSON.stringify({ code, name: 'Lan' }),
        });
        const data = (await res.json()) as { error?: string };
        return { status: res.status, error: data.error ?? '', retryAfter: res.headers.get('retry-after') };
      };
      const invite = (role: string) => sb.invites.find((i) => i.role === role)?.code ?? '';
      for (let i = 0; i < 10; i++) expect((await signIn(`SAIMA${i}XYZ`)).status).toBe(400);
      const refused = await signIn(invite('bi_thu'));
      expect(refused.status).toBe(429);
      expect(refused.error).toBe('Đã nhập sai mã quá nhiều lần từ máy này. Hãy thử lại sau 10 phút.');
      expect(refused.retryAfter).toBe('600');
      // Another person behind the same reverse proxy (on this machine) is not held up.
      expect((await signIn(invite('bi_thu'), '203.0.113.7')).status).toBe(200);
      expect((await signIn(invite('lanh_dao'))).status).toBe(429);
      clock += 10 * 60_000 + 1;
      expect((await signIn(invite('lanh_dao'))).status).toBe(200);
    } finally {
      await sb.close();
    }
  });
});
