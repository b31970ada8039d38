import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The bot and the CLI that tests spawn are the compiled ones (dist/), built first when stale.
    globalSetup: ['test/helpers/build-once.ts'],
    // Every FakeBotApi must end each test having refused nothing and seen every press answered.
    setupFiles: ['test/helpers/setup-fake-checks.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // End-to-end tests spawn the real bot; two cores do not gain from more workers.
    maxWorkers: 2,
  },
});
