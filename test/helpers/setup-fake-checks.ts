/**
 * Vitest setup file: after every test, and after each file's last hooks, every FakeBotApi made in the file must
 * have refused nothing by Telegram's rules and seen every button press it delivered answered
 * (test/helpers/fake-bot-api-problems.ts). A fake shared by a file's tests is checked for what happened since the
 * previous check. Registered before the test file's own hooks, these run after them ('stack' order): bots and
 * fakes a test stops in its afterEach are stopped by then.
 */
import { afterAll, afterEach } from 'vitest';
import { checkFakes } from './fake-bot-api-problems.js';

afterEach(() => checkFakes());
afterAll(() => checkFakes());
