import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { loadShippedHolidays } from '../src/services/holidays.js';
import { REPO_ROOT, stopAllBots, tempDbPath } from '../test/helpers/bot-process.js';
import { buildDist } from '../test/helpers/build-once.js';
import { FakeBotApi, TEST_TOKEN } from '../test/helpers/fake-bot-api.js';
import { arg, BARE_BOT } from './bare-bot.js';
import { REPORT, writeSection } from './sections.js';

/*
 * `npm run bench` (after the sweep, before the throughput): how fast the bot starts, beside a bare telegraf bot, and what the CLI's
 * `help` costs. Writes only between the startup markers in BENCHMARKS.md.
 *
 *   npx tsx bench/startup.bench.ts [--runs n] [--no-write] [--before <checkout>] [--json file]
 *                                  [--section-from file]
 *
 * Spawn → first getUpdates: the child runs as package.json's start script says (node and its arguments, without
 * npm) against the loopback fake Bot API, on a database already made (a restart) and on a new one (the first
 * start: migrations, shipped holidays), in turns with a bare telegraf bot (plain node); wall time, and the child's
 * CPU (user + system, /proc) until that call. Then `npm start` → first getUpdates (npm, its stale check, node),
 * and the CPU of `npm run cli -- help`, npm and node together (bash's `time`), beside npm running a script
 * that does nothing. --before: the same for another checkout (its own scripts), for the before/after table.
 */

interface Start {
  wallMs: number;
  cpuMs: number;
}

const cpuMs = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

function env(apiRoot: string, databasePath: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    DATABASE_PATH: databasePath,
    REMINDERS: 'off',
    BACKUPS: 'off',
    LOG_LEVEL: 'warn',
    DOTENV_CONFIG_PATH: '/dev/null',
    DOTENV_QUIET: 'true',
  };
}

/** Spawns `command args` in `cwd` and measures until its first getUpdates; then stops it (its whole group). */
async function firstPoll(cwd: string, command: string, args: string[], databasePath: string): Promise<Start> {
  const api = new FakeBotApi();
  const apiRoot = await api.start();
  const t0 = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd,
    env: env(apiRoot, databasePath),
    stdio: 'ignore',
    detached: true,
  });
  try {
    await api.waitFor((c) => c.method === 'getUpdates', 60_000);
    const wallMs = performance.now() - t0;
    return { wallMs, cpuMs: command === process.execPath ? cpuMs(child.pid ?? 0) : Number.NaN };
  } finally {
    const gone = new Promise((resolve) => child.once('close', resolve));
    process.kill(-(child.pid ?? 0), 'SIGTERM');
    await gone;
    await api.stop();
  }
}

/** A checkout's start script as node arguments (`node --flag dist/main.js` → `--flag dist/main.js`). */
function startArgs(checkout: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(checkout, 'package.json'), 'utf8'));
  const [node, ...args] = String(pkg.scripts.start).split(/\s+/);
  if (node !== 'node')
    throw new Error(`${checkout}: the start script does not run node: ${pkg.scripts.start}`);
  return args;
}

/** CPU ms (user + system) of a shell command and all it starts, by bash's `time`. */
function cpuOf(cwd: string, command: string): number {
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%3U %3S'; time (${command} > /dev/null 2>&1)`], {
    cwd,
    encoding: 'utf8',
  });
  const [user = 0, sys = 0] = r.stderr.trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  return (user + sys) * 1000;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

interface Figures {
  restart: Start[];
  first: Start[];
  npmStart: number[];
  cliHelpCpu: number[];
}

/** A database as the bot leaves it after its first start. */
function madeDatabase(): string {
  const file = tempDbPath();
  const db = openDatabase(file);
  loadShippedHolidays(db, new Date());
  db.$client.close();
  return file;
}

async function measure(checkout: string, runs: number, made: string, bareEntry: string) {
  const bot: Figures = { restart: [], first: [], npmStart: [], cliHelpCpu: [] };
  const bare: Start[] = [];
  const args = startArgs(checkout);
  for (let i = 0; i < runs; i++) {
    const db = tempDbPath();
    copyFileSync(made, db);
    bot.restart.push(await firstPoll(checkout, process.execPath, args, db));
    bare.push(await firstPoll(checkout, process.execPath, [bareEntry], tempDbPath()));
    bot.first.push(await firstPoll(checkout, process.execPath, args, tempDbPath()));
    const again = tempDbPath();
    copyFileSync(made, again);
    bot.npmStart.push((await firstPoll(checkout, 'npm', ['start'], again)).wallMs);
    bot.cliHelpCpu.push(cpuOf(checkout, 'npm run -s cli -- help'));
  }
  return { bot, bare };
}

interface Side {
  restartMs: number;
  restartCpuMs: number;
  firstMs: number;
  npmStartMs: number;
  cliHelpCpuMs: number;
}

const summary = (f: Figures): Side => ({
  restartMs: median(f.restart.map((s) => s.wallMs)),
  restartCpuMs: median(f.restart.map((s) => s.cpuMs)),
  firstMs: median(f.first.map((s) => s.wallMs)),
  npmStartMs: median(f.npmStart),
  cliHelpCpuMs: median(f.cliHelpCpu),
});

async function main() {
  const from = arg('--section-from', '');
  if (from) {
    // Only rewrite the section from a run kept with --json.
    const r = JSON.parse(readFileSync(from, 'utf8')) as Result;
    return writeSection('startup', section({ ...r, when: new Date(r.when) }));
  }
  const runs = Number(arg('--runs', '7'));
  const before = arg('--before', '');
  const write = !process.argv.includes('--no-write');
  buildDist();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  const bareEntry = path.join(dir, 'bare-bot.mjs');
  writeFileSync(bareEntry, BARE_BOT);
  const noop = path.join(dir, 'noop');
  spawnSync('mkdir', ['-p', noop]);
  writeFileSync(
    path.join(noop, 'package.json'),
    '{"name":"noop","version":"1.0.0","scripts":{"noop":"true"}}',
  );
  const made = madeDatabase();
  const load0 = os.loadavg()[0] ?? 0;
  const now = await measure(REPO_ROOT, runs, made, bareEntry);
  const then = before ? await measure(before, runs, made, bareEntry) : null;
  const npmAlone = median(Array.from({ length: runs }, () => cpuOf(noop, 'npm run -s noop')));
  await stopAllBots();
  const result: Result = {
    runs,
    now: summary(now.bot),
    bare: { ms: median(now.bare.map((s) => s.wallMs)), cpuMs: median(now.bare.map((s) => s.cpuMs)) },
    before: then ? summary(then.bot) : null,
    beforeStart: before ? startArgs(before).join(' ') : '',
    npmAloneCpuMs: npmAlone,
    load: [load0, os.loadavg()[0] ?? 0],
    when: new Date(),
  };
  console.log(JSON.stringify(result, null, 2));
  const json = arg('--json', '');
  if (json) writeFileSync(json, JSON.stringify(result, null, 2));
  if (write) {
    writeSection('startup', section(result));
    console.log(`Wrote the startup section of ${path.relative(process.cwd(), REPORT)}.`);
  }
}

interface Result {
  runs: number;
  now: Side;
  bare: { ms: number; cpuMs: number };
  before: Side | null;
  beforeStart: string;
  npmAloneCpuMs: number;
  load: number[];
  when: Date;
}

/**
 * Before the compiled start (commit 454fee1: `node --max-semi-space-size=64 --import tsx src/main.ts`, the CLI
 * through tsx), measured by this bench with --before on 2026-12-02, same machine, in the same run as the row
 * "after" of that day.
 */
const BEFORE: Side = {
  restartMs: 3325,
  restartCpuMs: 2770,
  firstMs: 3360,
  npmStartMs: 3243,
  cliHelpCpuMs: 4522,
};

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('vi-VN') : '–');

function section(r: Result): string {
  const before = r.before ?? BEFORE;
  const row = (label: string, key: keyof Side, bare: string) =>
    `| ${label} | ${f0(before[key])} | ${f0(r.now[key])} | ${bare} |`;
  const cpus = os.cpus();
  return `## Start-up: the bot beside a bare telegraf bot, and the CLI

\`\`\`sh
npm run bench                                # after the sweep, before the throughput
npx tsx bench/startup.bench.ts               # only this one; --runs 7; --before <checkout> measures another too
\`\`\`

Spawn → first \`getUpdates\`: the child runs as \`package.json\`'s start script says (node and its arguments, without
npm) against the loopback fake Bot API, in turns with a bare telegraf 4.16 bot run by plain node; the wall time and
the child's CPU (user + system) until that call, medians of ${r.runs} runs. A restart finds its database made; the
first start makes it (migrations, the shipped holidays). \`npm start\` adds npm and its stale check
(\`prestart\`). The CLI's \`help\` is timed as an administrator types it, npm and node together.

Run on ${r.when.toISOString().slice(0, 10)}: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}; load average ${r.load.map((l) => l.toFixed(1)).join(' → ')}.

| | before (tsx) | after (compiled) | bare telegraf |
|---|---:|---:|---:|
${row('spawn → first getUpdates, restart, ms (goal < 600)', 'restartMs', f0(r.bare.ms))}
${row('child CPU until then, ms', 'restartCpuMs', f0(r.bare.cpuMs))}
${row('spawn → first getUpdates, first start (new database), ms', 'firstMs', '')}
${row('`npm start` → first getUpdates, ms', 'npmStartMs', '')}
${row('`npm run cli -- help`, CPU ms (goal < 700)', 'cliHelpCpuMs', `npm alone: ${f0(r.npmAloneCpuMs)}`)}

${r.before ? `Before: \`${r.beforeStart}\`, measured in the same run.` : 'Before: commit 454fee1 (`node --max-semi-space-size=64 --import tsx src/main.ts`; the CLI through tsx), measured on 2026-12-02 with `--before`.'}

${PROSE}`;
}

const PROSE = `What the start-up costs, after (CPU until the first poll, ~550 ms against the bare bot's ~180 on that
run, from a profile): node itself and telegraf as in the bare bot; undici ~100 ms (its \`Agent\` and the HTTP
parser it compiles to WebAssembly on the first connection); the bundle ~100 ms (ours, zod, drizzle); pino,
better-sqlite3 and the time-zone data of the first date ~30 ms each; the configuration checked (zod) ~40 ms; the
database opened and its migrations checked ~15 ms. Before, tsx compiled every TypeScript module at every start
(~2 s of it) and for every CLI command.

What was done, in order of effect: the compiled start (\`scripts/build.mjs\`); zod's and drizzle's ~200 files
bundled instead of loaded one by one (-30% of the compiled start); undici's \`Agent\` required from its own module,
not the index that loads fetch, WebSocket and the mocks too (~150 ms; \`src/telegram/undici.ts\`, a test checks it
is the index's own class); the CLI loading each command when it runs and \`help\` printing texts that import
nothing (\`src/help-texts.ts\`); the chart's resvg loaded on first use; getMe asked while the database opens, the
menu set while the first poll goes, the username written only when it changed.

\`npm start\` adds npm's own start-up (the table's last row: npm running a script that does nothing) and the check
that \`dist/\` is fresh (\`prestart\`, ~150 ms of CPU); \`npm run cli\` has no such check, so that every
administrator's command starts fast: \`npm run build\` after changing \`src/\`, \`npm ci\` after pulling.
The machine is shared: the load average moved during the run (above), and wall times with it; compare the columns
of one run.`;

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
