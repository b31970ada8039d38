/**
 * The HTTPS path production uses against Telegram, on loopback: a certificate authority made for the run (openssl),
 * a TLS server with a certificate it signed in front of the fake Bot API, and an HTTP CONNECT proxy for HTTPS_PROXY.
 * A child process trusts the CA through NODE_EXTRA_CA_CERTS, as a machine trusts a CA added to it: certificate
 * verification stays on.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

export interface Certificates {
  /** The CA's certificate (PEM file): what NODE_EXTRA_CA_CERTS points at. */
  caFile: string;
  key: Buffer;
  cert: Buffer;
}

/** Whether openssl is on the machine (`.ci/run` installs it). */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A CA and a certificate for 127.0.0.1 signed by it, valid for ten years from now, in a fresh temporary
 * directory. */
export function makeCertificates(): Certificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-tls-'));
  const at = (name: string) => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  // On the machine's own clock, even when the suite runs under faketime: the CLI the tests start reads the real
  // clock (its environment is rebuilt), the bot the faked one, and a certificate must be valid for both.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')),
  );
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore', env });
  run([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.pem'),
    '-days',
    '3650',
    '-subj',
    '/CN=Bot test CA',
  ]);
  run(['req', ...ec, '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(at('ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
  run([
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-out',
    at('server.pem'),
    '-days',
    '3650',
    '-extfile',
    at('ext'),
  ]);
  return {
    caFile: at('ca.pem'),
    key: fs.readFileSync(at('server.key')),
    cert: fs.readFileSync(at('server.pem')),
  };
}

export interface Relay {
  port: number;
  /** How many connections it took. */
  readonly connections: number;
  close(): Promise<void>;
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** Both ways between two sockets; either one failing ends both. */
function splice(a: net.Socket, b: net.Socket): void {
  a.pipe(b).pipe(a);
  a.on('error', () => b.destroy());
  b.on('error', () => a.destroy());
}

function relay(server: net.Server, sockets: Set<net.Socket>, count: () => number): Promise<Relay> {
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  return listen(server).then((port) => ({
    port,
    get connections() {
      return count();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  }));
}

/** HTTPS on 127.0.0.1 with `certs`, passed on as plain HTTP to `targetPort` (the fake Bot API). */
export function tlsFront(targetPort: number, certs: Certificates): Promise<Relay> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: certs.key, cert: certs.cert }, (secure) => {
    count++;
    splice(secure, net.connect(targetPort, '127.0.0.1'));
  });
  server.on('tlsClientError', () => undefined);
  return relay(server, sockets, () => count);
}

export interface TunnelProxy extends Relay {
  /** The CONNECT targets asked for, in order (`host:port`). */
  readonly tunnels: string[];
}

/** An HTTP proxy that only tunnels (CONNECT), as an office's HTTPS_PROXY does for HTTPS. */
export async function connectProxy(): Promise<TunnelProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push(target);
    const [host = '', port = ''] = target.split(':');
    const upstream = net.connect(Number(port), host, () => {
      // node's http server leaves the answer to a CONNECT to the listener, on the raw socket.
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      splice(client, upstream);
    });
    upstream.on('error', () => client.destroy());
  });
  const r = await relay(server, sockets, () => tunnels.length);
  return Object.assign(r, { tunnels });
}
