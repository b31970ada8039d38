import pino from 'pino';
import { startSandbox } from '../../src/web/sandbox.js';

/** The web channel in-process over the demo data (the sandbox), in memory, on a free port, silent. */
export const startTestSandbox = () =>
  startSandbox({ databasePath: ':memory:', host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }) });
