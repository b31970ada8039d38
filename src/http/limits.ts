import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { TrustedProxies } from './proxy.js';

/*
 * What one HTTP server of the bot (the web page, the webhook) holds at most, so that slow or idle connections
 * cannot fill the process's file table (docs/architecture.md, "Limits").
 */

export interface ConnectionLimits {
  /** Connections held at once; past it, a new one is closed as it opens. */
  maxConnections: number;
  /** Connections held at once from one address; a trusted proxy (TRUST_PROXY) is not counted. */
  perAddress: number;
  /** From the connection (or the previous request) to the request's last header. */
  headersTimeoutMs: number;
  /** From the connection to the request's last byte (its body included); the answer may take longer. */
  requestTimeoutMs: number;
  /** An idle connection between requests. */
  keepAliveTimeoutMs: number;
  /** How often the two time-outs above are checked (node's connectionsCheckingInterval). */
  checkIntervalMs: number;
}

/**
 * The web page: a browser keeps a few connections (a long poll among them); an office behind one address has
 * dozens of people. The long poll's wait (25 s) is the answer's, not the request's.
 */
export const WEB_LIMITS: ConnectionLimits = {
  maxConnections: 1024,
  perAddress: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

/** The webhook: Telegram opens at most `max_connections` (40 by default, 100 at most) from a few addresses. */
export const WEBHOOK_LIMITS: ConnectionLimits = {
  maxConnections: 256,
  perAddress: 100,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

/** createServer's options for these limits (the check interval can only be given there). */
export const serverOptions = (l: ConnectionLimits) => ({
  headersTimeout: l.headersTimeoutMs,
  requestTimeout: l.requestTimeoutMs,
  keepAliveTimeout: l.keepAliveTimeoutMs,
  connectionsCheckingInterval: l.checkIntervalMs,
});

/** Applies the limits to `server`: the total, the time-outs, and the cap per address (one warn per address). */
export function limitConnections(
  server: Server,
  l: ConnectionLimits,
  proxies: TrustedProxies,
  logger: Logger,
): void {
  server.maxConnections = l.maxConnections;
  server.headersTimeout = l.headersTimeoutMs;
  server.requestTimeout = l.requestTimeoutMs;
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  const open = new Map<string, number>();
  const warned = new Set<string>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    if (proxies.has(address)) return;
    const n = (open.get(address) ?? 0) + 1;
    if (n > l.perAddress) {
      if (!warned.has(address))
        logger.warn({ address, limit: l.perAddress }, 'too many connections from one address');
      warned.add(address);
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else {
        open.delete(address);
        warned.delete(address);
      }
    });
  });
}
