/*
 * The build (docs/architecture.md, "Build and start"): the three entry points (src/main.ts, src/cli.ts,
 * src/sandbox.ts) bundled by esbuild into dist/, with what they share and what they load on first use
 * (exceljs's workbook, the chart, the Word report, the CLI's commands) in chunks beside them; src/web/public is
 * copied to dist/public, with the leaders' dashboard page (docs/dashboard-api.md): src/web/dashboard-page/main.ts
 * bundled for the browser into dist/public/dashboard.js (uPlot inside it), uPlot's stylesheet put before the
 * page's own in dist/public/dashboard.css: nothing is loaded from elsewhere. Every file lands directly in dist/,
 * one level below the root as src/root.ts is, so the root (drizzle/, holidays/, data-samples/) is found the same
 * way from either.
 *
 * Our code is bundled, and so are the pure ES-module packages listed in INLINE: loading zod's and drizzle's
 * ~200 files one by one cost more start-up than all of our code (BENCHMARKS.md, "Start-up"). Every other
 * package (native, CommonJS, loaded late) stays in node_modules, as does any package added later.
 * Types are checked by `npm run typecheck`, not here.
 *
 *   node scripts/build.mjs              build
 *   node scripts/build.mjs --if-stale   build only when the sources changed since the last build
 *
 * `npm ci` builds (prepare); `npm start`, `npm run cli` and `npm run sandbox` build first when stale, and so
 * does the test suite (test/helpers/build-once.ts): nothing ever runs an out-of-date dist/.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist');
const STAMP = '.sources';
/** What the output depends on: the sources, how they are compiled, and the packages bundled with them. */
const INPUTS = ['src', 'tsconfig.json', 'scripts/build.mjs', 'package-lock.json'];
const ENTRIES = ['main', 'cli', 'sandbox'];
/** Bundled into dist/: ES modules only, no native code, nothing read from their own folder at run time. */
const INLINE = new Set(['zod', 'drizzle-orm', 'csv-parse', 'date-fns', '@date-fns/tz', 'node-cron']);

/** Names, sizes and modification times of every input: a changed, added or removed file changes it. */
function sourcesStamp() {
  const hash = createHash('sha256');
  const add = (file) => {
    const s = fs.statSync(file, { throwIfNoEntry: false });
    if (!s) return hash.update(`${file}\0-\n`);
    if (!s.isDirectory()) return hash.update(`${path.relative(ROOT, file)}\0${s.size}\0${s.mtimeMs}\n`);
    for (const name of fs.readdirSync(file).sort()) add(path.join(file, name));
  };
  for (const input of INPUTS) add(path.join(ROOT, input));
  return hash.digest('hex');
}

function builtFrom() {
  try {
    return fs.readFileSync(path.join(OUT, STAMP), 'utf8');
  } catch {
    return null;
  }
}

/**
 * Builds into a fresh directory and swaps it in, so a process starting meanwhile never sees half a dist/.
 * Resolves with 'built', or 'fresh' when `ifStale` and nothing changed.
 */
export async function build({ ifStale = false } = {}) {
  const stamp = sourcesStamp();
  if (ifStale && builtFrom() === stamp) return 'fresh';
  const { build: esbuild } = await import('esbuild');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const next = `${OUT}.${process.pid}.tmp`;
  fs.rmSync(next, { recursive: true, force: true });
  await esbuild({
    entryPoints: Object.fromEntries(ENTRIES.map((e) => [e, path.join(ROOT, `src/${e}.ts`)])),
    outdir: next,
    bundle: true,
    splitting: true,
    chunkNames: '[name]-[hash]',
    external: Object.keys(pkg.dependencies).filter((name) => !INLINE.has(name)),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  fs.cpSync(path.join(ROOT, 'src/web/public'), path.join(next, 'public'), { recursive: true });
  await buildDashboardPage(esbuild, path.join(next, 'public'));
  fs.writeFileSync(path.join(next, STAMP), stamp);
  const old = `${OUT}.${process.pid}.old`;
  if (fs.existsSync(OUT)) fs.renameSync(OUT, old);
  fs.renameSync(next, OUT);
  fs.rmSync(old, { recursive: true, force: true });
  return 'built';
}

/** The dashboard's script and stylesheet, for the browsers Telegram runs in (docs/dashboard-api.md). */
async function buildDashboardPage(esbuild, publicDir) {
  await esbuild({
    entryPoints: [path.join(ROOT, 'src/web/dashboard-page/main.ts')],
    outfile: path.join(publicDir, 'dashboard.js'),
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome100', 'safari15', 'firefox100'],
    logLevel: 'warning',
  });
  const own = path.join(publicDir, 'dashboard.css');
  const uplot = fs.readFileSync(path.join(ROOT, 'node_modules/uplot/dist/uPlot.min.css'), 'utf8');
  fs.writeFileSync(own, `${uplot}\n${fs.readFileSync(own, 'utf8')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  build({ ifStale }).then(
    (outcome) => {
      if (outcome === 'built' && !ifStale) process.stdout.write('dist/ built from src/\n');
    },
    (err) => {
      process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
