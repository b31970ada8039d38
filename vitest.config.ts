import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that load the whole machine (a busy loop on every core): they run after every other file, one at a
 * time, so no file beside them has its timing checks (SIGTERM within 5 s, page-watch gaps) starved.
 */
const ALONE = ['test/e2e/stop-under-load.test.ts'];

export default defineConfig({
  test: {
    // The bot and the CLI that tests spawn are the compiled ones (dist/), built first when stale.
    globalSetup: ['test/helpers/build-once.ts'],
    // Every FakeBotApi must end each test having refused nothing and seen every press answered.
    setupFiles: ['test/helpers/setup-fake-checks.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // End-to-end tests spawn the real bot; two cores do not gain from more workers.
    maxWorkers: 2,
    // Both projects inherit the options above (extends: true); the root itself runs no file.
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ALONE],
        },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: ALONE,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
