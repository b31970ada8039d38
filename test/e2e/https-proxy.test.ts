import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { startBot, stopAllBots, tempDbPath, untilOutput } from '../helpers/bot-process.js';
import { runCli } from '../helpers/cli-process.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { joiner } from '../helpers/scenarios.js';
import {
  type Certificates,
  connectProxy,
  hasOpenssl,
  makeCertificates,
  type Relay,
  type TunnelProxy,
  tlsFront,
} from '../helpers/tls.js';
import { seedWorld } from '../helpers/world.js';

/*
 * The path production takes to Telegram, for real: HTTPS to the Bot API, and through HTTPS_PROXY. "Telegram" is
 * the fake Bot API behind a TLS server whose certificate a CA made for this run signed (test/helpers/tls.ts); the
 * bot and the CLI trust that CA through NODE_EXTRA_CA_CERTS, as a machine trusts a CA added to it. Certificate
 * verification is never turned off: without the CA the bot does not talk to the server.
 */

const openssl = hasOpenssl();
if (!openssl) console.warn('https-proxy.test.ts skipped: openssl is not installed (.ci/run installs it)');

describe.skipIf(!openssl)('the Bot API over HTTPS', () => {
  const api = new FakeBotApi();
  let certs: Certificates;
  let front: Relay;
  let proxy: TunnelProxy;
  let root = '';

  beforeAll(async () => {
    certs = makeCertificates();
    const plain = new URL(await api.start());
    front = await tlsFront(Number(plain.port), certs);
    proxy = await connectProxy();
    root = `https://127.0.0.1:${front.port}`;
  });
  afterAll(async () => {
    await stopAllBots();
    await proxy?.close();
    await front?.close();
    await api.stop();
  });

  /** A bot on a fresh world; a leader of the province joins, asks /tiendo and its chart (an upload). */
  async function leaderGetsTheChart(env: Record<string, string>, firstUserId: number) {
    const dbPath = tempDbPath();
    const world = seedWorld(dbPath);
    try {
      await startBot({ apiRoot: root, databasePath: dbPath, api, env });
      const leader = await joiner(api, world, firstUserId)('Sơn', 'TU_TN', 'lanh_dao');
      expect(leader.lastText()).toContain('Tỉnh ủy Thái Nguyên');
      await leader.say('/tiendo');
      const photos = api.callsOf('sendPhoto').length;
      await leader.press('📈 Biểu đồ');
      const photo = api.callsOf('sendPhoto').at(-1);
      expect(api.callsOf('sendPhoto')).toHaveLength(photos + 1);
      expect(photo?.files[0]?.data.subarray(1, 4).toString()).toBe('PNG');
    } finally {
      world.close();
      await stopAllBots();
    }
  }

  it('joins, answers, and uploads over TLS with the certificate verified', async () => {
    const before = front.connections;
    await leaderGetsTheChart({ NODE_EXTRA_CA_CERTS: certs.caFile }, 71_000);
    expect(front.connections).toBeGreaterThan(before);
  });

  it('goes through HTTPS_PROXY: every call in a CONNECT tunnel to the Bot API', async () => {
    const tunnels = proxy.tunnels.length;
    await leaderGetsTheChart(
      { NODE_EXTRA_CA_CERTS: certs.caFile, HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` },
      72_000,
    );
    expect(proxy.tunnels.length).toBeGreaterThan(tunnels);
    expect(new Set(proxy.tunnels.slice(tunnels))).toEqual(new Set([`127.0.0.1:${front.port}`]));
  });

  it('does not talk to a server whose certificate it cannot verify, and keeps trying', async () => {
    const getMe = api.callsOf('getMe').length;
    const bot = await startBot({ apiRoot: root, databasePath: tempDbPath() });
    await untilOutput(bot, /Telegram not reachable; trying again/);
    expect(bot.output()).toMatch(/"method":"getMe".*unable to verify the first certificate/);
    expect(api.callsOf('getMe')).toHaveLength(getMe);
    expect(await bot.stop()).toBe(0);
  });

  it('cli doctor asks getMe over HTTPS through the proxy', async () => {
    const databasePath = tempDbPath();
    openDatabase(databasePath).$client.close();
    const tunnels = proxy.tunnels.length;
    const r = await runCli(['doctor'], {
      apiRoot: root,
      databasePath,
      extra: { NODE_EXTRA_CA_CERTS: certs.caFile, HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` },
    });
    expect(r.stdout).toContain(
      `✅ Bot API (127.0.0.1:${front.port}): kết nối được; mã bot hợp lệ: @test_bot`,
    );
    expect(r.code).toBe(0);
    expect(proxy.tunnels.length).toBeGreaterThan(tunnels);
  });
});
