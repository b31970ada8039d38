/**
 * The tests run the compiled bot and CLI (dist/), as `npm start` and `npm run cli` do: vitest's globalSetup
 * builds once before any test when src/ changed since the last build (scripts/build.mjs --if-stale), so no test
 * ever runs an out-of-date dist/. The benchmarks call it too.
 */
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function buildDist(): void {
  execFileSync(process.execPath, [resolve(ROOT, 'scripts/build.mjs'), '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export default function setup(): void {
  buildDist();
}
