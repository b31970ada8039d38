/**
 * Planning the daily reminder sweep for the whole country (3.321 communes, 60.000 chi bộ, 10 years of
 * reports): what is missing, the stages, the recipients and the never-twice log, as `remind --dry-run`
 * does it (nothing is sent). One secretary per commune and per chi bộ, one leader per province.
 */
import os from 'node:os';
import pino from 'pino';
import { runSweep } from '../src/scheduler/jobs/reminder-sweep.js';
import { ensureBenchDb } from './generate.js';
import { writeSection } from './sections.js';

const USER_BASE = 100_000_000;
const REPS = Number(process.argv[process.argv.indexOf('--reps') + 1]) || 5;

const bench = ensureBenchDb();
const c = bench.db.$client;
// Recipients, added once (ids far above any real Telegram id used elsewhere in the bench data).
c.transaction(() => {
  const user = c.prepare('INSERT OR IGNORE INTO users (id, first_name) VALUES (?, ?)');
  const member = c.prepare('INSERT OR IGNORE INTO members (user_id, unit_id, role) VALUES (?, ?, ?)');
  for (const u of c.prepare("SELECT id, kind FROM units WHERE kind IN ('tinh', 'xa', 'chi_bo')").all() as {
    id: number;
    kind: string;
  }[]) {
    user.run(USER_BASE + u.id, `U${u.id}`);
    member.run(USER_BASE + u.id, u.id, u.kind === 'tinh' ? 'lanh_dao' : 'bi_thu');
  }
})();

const deps = {
  db: bench.db,
  logger: pino({ level: 'silent' }),
  timeZone: 'Asia/Ho_Chi_Minh',
  send: async () => 'sent' as const,
  formButton: () => null,
};

const cases = [
  ['22/09/2025: reporter training due 30/09 (7 days before)', '2025-09-22T08:00:00+07:00'],
  ['09/02/2026: annual items 9 days overdue (weekly stage, escalation)', '2026-02-09T08:00:00+07:00'],
] as const;

const rows: string[] = [];
for (const [label, at] of cases) {
  const times: number[] = [];
  let digests = 0;
  let items = 0;
  for (let i = 0; i < REPS + 1; i++) {
    const t0 = performance.now();
    const r = await runSweep(deps, new Date(at), { dryRun: true });
    if (i > 0) times.push(performance.now() - t0);
    digests = r.digests.length;
    items = r.digests.reduce((s, d) => s + d.items, 0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`${label}: ${median.toFixed(0)} ms median, ${digests} digests, ${items} item lines`);
  rows.push(
    `| ${label} | ${REPS} | ${median.toFixed(0)} | ${digests.toLocaleString('vi-VN')} | ${items.toLocaleString('vi-VN')} |`,
  );
}

if (!process.argv.includes('--no-write'))
  writeSection(
    'sweep',
    `## Planning the reminder sweep

\`\`\`sh
npx tsx bench/sweep.bench.ts          # also run by npm run bench
\`\`\`

The whole country of the /tiendo bench (3.321 communes, 60.000 chi bộ, 10 years of reports) with one secretary
per commune and per chi bộ and one leader per province: what is missing, the due items and their stages, the
recipients and the never-twice log, exactly as the daily sweep and \`cli remind --dry-run\` do (nothing sent).

Run on ${new Date().toISOString().slice(0, 10)}: ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores, Node ${process.version}.

| day | runs | median ms | digests | item lines |
|---|---:|---:|---:|---:|
${rows.join('\n')}

Sending those digests is the Sender's job, at up to 30 messages/s (see "Sending").`,
  );
bench.db.$client.close();
