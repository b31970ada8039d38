import pino from 'pino';
import { startSandbox } from '../../src/web/sandbox.js';
import { TEST_TIME_ZONE, testClock } from './instant.js';

/**
 * The web channel in-process over the demo data (the sandbox), in memory, on a free port, silent, at the tests'
 * instant (test/helpers/instant.ts) as the bot processes the tests start are.
 */
export const startTestSandbox = () =>
  startSandbox({
    databasePath: ':memory:',
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: 'silent' }),
    now: testClock,
    timeZone: TEST_TIME_ZONE,
  });
