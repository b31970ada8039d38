import * as undici from 'undici';
import { describe, expect, it } from 'vitest';
import { Agent, loadProxyAgent } from '../../src/telegram/undici.js';

describe("undici's dispatchers, loaded from their own modules (src/telegram/undici.ts)", () => {
  it("are the index's own classes: an undici that moved them fails here", () => {
    expect(Agent).toBe(undici.Agent);
    expect(loadProxyAgent()).toBe(undici.ProxyAgent);
  });
});
