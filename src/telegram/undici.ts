/*
 * undici's dispatchers, as the Bot API client uses them (bot-api.ts). The Agent comes from its own module:
 * undici's index also loads fetch, WebSocket, its caches and mocks, ~0,15 s of CPU at every start for what the
 * bot never uses (BENCHMARKS.md, "Start-up"). undici has no `exports` map, so the path may be required, but a new
 * version may move it: test/telegram/undici.test.ts checks it is the index's own class, so an upgrade that moves
 * it fails there, not in service. The ProxyAgent tunnels with the request API that the index adds to every
 * dispatcher, so it comes from the index, loaded only when HTTPS_PROXY is set.
 */
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const require = createRequire(import.meta.url);

export const Agent: typeof Undici.Agent = require('undici/lib/dispatcher/agent.js');

export const loadProxyAgent = (): typeof Undici.ProxyAgent => (require('undici') as typeof Undici).ProxyAgent;
