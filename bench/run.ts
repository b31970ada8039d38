/** `npm run bench [-- args]`: each benchmark in turn, every one given the same arguments. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
for (const bench of [
  'tiendo.bench.ts',
  'dashboard.bench.ts',
  'sender.bench.ts',
  'sweep.bench.ts',
  'startup.bench.ts',
  'throughput.bench.ts',
  'import.bench.ts',
  'throttle.bench.ts',
]) {
  console.log(`\n=== ${bench}`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(HERE, bench), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
