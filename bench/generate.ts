import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { type Db, openDatabase } from '../src/db/client.js';
import { rebuildProgressSummaries } from '../src/db/repositories/progress-summary.js';

/*
 * A nation-size database for benchmarks: 34 provinces (tỉnh ủy, after 1/7/2025 there is no district level),
 * 3,321 communes and 60,000 chi bộ, ~40 documents and ~2,000,000 study conference reports over 2016–2025,
 * plus the other report kinds at commune level. Deterministic (seeded PRNG), so every run measures the
 * same data. Written with prepared statements in a few big transactions: about a minute on two cores.
 *
 *   npx tsx bench/generate.ts [file]     (default bench/.data/nation.sqlite; reused when the stamp matches)
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_DB_FILE = path.join(HERE, '.data', 'nation.sqlite');

/** Bump when the generated data changes: a cached file with another stamp is rebuilt. */
export const GENERATOR_VERSION = 'bench-nation-v3';
const STAMP_KEY = 'bench.generator';

export const SHAPE = {
  provinces: 34,
  communes: 3_321,
  chiBo: 60_000,
  /** The province measured as "a province": exactly this many communes and chi bộ. */
  designated: { code: 'T01', communes: 100, chiBo: 2_000 },
  firstYear: 2016,
  lastYear: 2025,
  docsPerYear: 4,
  seed: 20250701,
} as const;

export interface BenchDb {
  db: Db;
  file: string;
  /** Seconds spent generating; null when a cached file was reused. */
  generatedIn: number | null;
  bytes: number;
  counts: Record<string, number>;
  /** Ids the benchmark asks about. */
  provinceIds: number[];
  designatedProvinceId: number;
  /** A commune of the designated province with 20 chi bộ. */
  communeId: number;
}

/** mulberry32: small, fast and good enough for test data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [lo, hi]. */
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

/** Splits `total` into `parts` positive integers with some spread (weights 0.5–1.5). */
function partition(rng: Rng, total: number, parts: number): number[] {
  const w = Array.from({ length: parts }, () => 0.5 + rng.next());
  const sum = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.max(1, Math.floor((total * x) / sum)));
  let rest = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % parts) {
    const step = rest > 0 ? 1 : -1;
    if (step < 0 && (out[i] ?? 0) <= 1) continue;
    out[i] = (out[i] ?? 0) + step;
    rest -= step;
  }
  return out;
}

/** Days are numbers (days since 2015-01-01) while generating; ISO text only when written. */
const DAY0 = Date.UTC(2015, 0, 1);
const ISO: string[] = [];
for (let d = 0; d < 13 * 366; d++) ISO.push(new Date(DAY0 + d * 86_400_000).toISOString().slice(0, 10));
const dayOf = (y: number, m: number, d: number) => Math.round((Date.UTC(y, m - 1, d) - DAY0) / 86_400_000);
const iso = (day: number) => ISO[day] ?? '2099-12-31';
const LAST_DAY = dayOf(SHAPE.lastYear, 12, 31);

/**
 * The share of conferences held online or mixed, by year: rare before Covid, then common. A chi bộ in a
 * village seldom has a bridge point; the commune committee often does.
 */
function onlineShare(year: number, commune: boolean): number {
  if (year < 2020) return commune ? 0.1 : 0.005;
  if (year < 2022) return commune ? 0.5 : 0.08;
  return commune ? 0.3 : 0.01;
}

interface Doc {
  id: number;
  issued: number;
  year: number;
}

function size(file: string): number {
  let bytes = 0;
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) bytes += fs.statSync(f).size;
  return bytes;
}

function countRows(db: Db): Record<string, number> {
  const c = db.$client;
  const one = (sql: string) => (c.prepare(sql).pluck().get() as number) ?? 0;
  return {
    provinces: one(`SELECT count(*) FROM units WHERE kind = 'tinh'`),
    communes: one(`SELECT count(*) FROM units WHERE kind = 'xa'`),
    chiBo: one(`SELECT count(*) FROM units WHERE kind = 'chi_bo'`),
    unitFigures: one('SELECT count(*) FROM unit_figures'),
    documents: one('SELECT count(*) FROM documents'),
    conferenceReports: one('SELECT count(*) FROM conference_reports'),
    conferenceReportsByCommunes: one(
      `SELECT count(*) FROM conference_reports r JOIN units u ON u.id = r.unit_id WHERE u.kind = 'xa'`,
    ),
    reportDocuments: one('SELECT count(*) FROM conference_report_documents'),
    studyPairs: one('SELECT count(*) FROM study_pairs'),
    studyPairsMultiYear: one('SELECT count(*) FROM study_pairs WHERE pair_years > 1'),
    conferenceYears: one('SELECT count(*) FROM conference_years'),
    orgStudyFirsts: one('SELECT count(*) FROM org_study_firsts'),
    makeUpSessions: one('SELECT count(*) FROM conference_reports WHERE make_up = 1'),
    onlineOrMixed: one(`SELECT count(*) FROM conference_reports WHERE form <> 'truc_tiep'`),
    actionPlans: one('SELECT count(*) FROM action_plans'),
    awarenessSurveys: one('SELECT count(*) FROM awareness_surveys'),
    reporterTrainings: one('SELECT count(*) FROM reporter_trainings'),
    personalPlans: one('SELECT count(*) FROM personal_plans'),
    inspectionProgrammes: one('SELECT count(*) FROM inspection_programmes'),
    commendations: one('SELECT count(*) FROM commendations'),
  };
}

function describe(db: Db, file: string, generatedIn: number | null): BenchDb {
  const c = db.$client;
  const provinceIds = c
    .prepare(`SELECT id FROM units WHERE kind = 'tinh' ORDER BY id`)
    .pluck()
    .all() as number[];
  const designatedProvinceId = c
    .prepare('SELECT id FROM units WHERE code = ?')
    .pluck()
    .get(SHAPE.designated.code) as number;
  const communeId = c
    .prepare(
      `SELECT x.id FROM units x JOIN units b ON b.parent_id = x.id
       WHERE x.parent_id = ? GROUP BY x.id HAVING count(*) = 20 ORDER BY x.id LIMIT 1`,
    )
    .pluck()
    .get(designatedProvinceId) as number;
  return {
    db,
    file,
    generatedIn,
    bytes: size(file),
    counts: countRows(db),
    provinceIds,
    designatedProvinceId,
    communeId,
  };
}

/** Opens the cached database when its stamp matches, otherwise (re)builds it. */
export function ensureBenchDb(file = DEFAULT_DB_FILE, log: (line: string) => void = console.log): BenchDb {
  if (fs.existsSync(file)) {
    // Read the stamp before migrating: a stale file is thrown away, not brought up to date first.
    const raw = new Database(file, { readonly: true });
    const stamp = raw.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(STAMP_KEY);
    raw.close();
    if (stamp === GENERATOR_VERSION) {
      log(`Reusing ${path.relative(process.cwd(), file)} (${GENERATOR_VERSION}).`);
      return describe(openDatabase(file), file, null);
    }
    log(`Stale benchmark database (${String(stamp ?? 'no stamp')}): rebuilding.`);
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const started = performance.now();
  const db = openDatabase(file);
  generate(db, log);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  const seconds = (performance.now() - started) / 1000;
  const info = describe(db, file, seconds);
  log(`Generated in ${seconds.toFixed(1)} s: ${(info.bytes / 1024 ** 2).toFixed(0)} MB.`);
  return info;
}

function generate(db: Db, log: (line: string) => void): void {
  const c = db.$client;
  const rng = prng(SHAPE.seed);
  c.pragma('foreign_keys = OFF');
  c.pragma('synchronous = OFF');
  c.pragma('cache_size = -200000');

  const ins = {
    unit: c.prepare(
      'INSERT INTO units (code, name, kind, parent_id, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, NULL)',
    ),
    figures: c.prepare(
      `INSERT INTO unit_figures (unit_id, as_of, party_members, exempt_members, reporters, personal_plan_required,
         has_loudspeaker, bridge_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    doc: c.prepare(
      'INSERT INTO documents (code, issued_on, number, type, issuer, summary) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    conf: c.prepare(
      `INSERT INTO conference_reports (unit_id, held_on, form, bridge_points, eligible, present,
         non_member_attendances, make_up, reporter_present, note, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?)`,
    ),
    confDoc: c.prepare('INSERT INTO conference_report_documents (report_id, document_id) VALUES (?, ?)'),
    plan: c.prepare(
      'INSERT INTO action_plans (unit_id, document_id, issued_on, created_by, created_at) VALUES (?, ?, ?, 1, 0)',
    ),
    survey: c.prepare(
      `INSERT INTO awareness_surveys (unit_id, held_on, surveyed, aware, created_by, created_at)
       VALUES (?, ?, ?, ?, 1, 0)`,
    ),
    training: c.prepare(
      `INSERT INTO reporter_trainings (unit_id, year, trained, held_on, created_by, created_at)
       VALUES (?, ?, ?, ?, 1, 0)`,
    ),
    personal: c.prepare(
      'INSERT INTO personal_plans (unit_id, year, with_plan, created_by, created_at) VALUES (?, ?, ?, 1, 0)',
    ),
    inspection: c.prepare(
      `INSERT INTO inspection_programmes (unit_id, year, body, approved_on, created_by, created_at)
       VALUES (?, ?, ?, ?, 1, 0)`,
    ),
    commendation: c.prepare(
      `INSERT INTO commendations (unit_id, awarded_on, collectives, individuals, note, created_by, created_at)
       VALUES (?, ?, ?, ?, NULL, 1, 0)`,
    ),
  };
  const years: number[] = [];
  for (let y = SHAPE.firstYear; y <= SHAPE.lastYear; y++) years.push(y);
  const VALID_FROM = '2015-01-01';

  // Documents: four a year (Trung ương and the province alike), issued between January and October.
  const TYPES = ['NQ', 'CT', 'KL', 'QĐ', 'HD', 'KH'] as const;
  const docs: Doc[] = [];
  c.transaction(() => {
    let n = 1;
    for (const y of years) {
      for (let k = 0; k < SHAPE.docsPerYear; k++) {
        const issued = dayOf(y, 1, 10) + k * 75 + rng.int(0, 30);
        const type = TYPES[rng.int(0, TYPES.length - 1)] ?? 'NQ';
        const issuer = rng.chance(0.7) ? 'TW' : 'TU';
        const number = n++;
        const code = `${number}-${type}/${issuer}`;
        const r = ins.doc.run(code, iso(issued), number, type, issuer, `Văn bản ${code} (dữ liệu thử)`);
        docs.push({ id: Number(r.lastInsertRowid), issued, year: y });
      }
    }
  })();
  const docsByYear = new Map<number, Doc[]>();
  for (const d of docs) docsByYear.set(d.year, [...(docsByYear.get(d.year) ?? []), d]);

  // The tree: the designated province first with exactly 100 communes and 2,000 chi bộ.
  const otherCommunes = partition(rng, SHAPE.communes - SHAPE.designated.communes, SHAPE.provinces - 1);
  const communesPer = [SHAPE.designated.communes, ...otherCommunes];
  const chiBoPer = [
    ...Array.from(
      { length: SHAPE.designated.communes },
      () => SHAPE.designated.chiBo / SHAPE.designated.communes,
    ),
    ...partition(rng, SHAPE.chiBo - SHAPE.designated.chiBo, SHAPE.communes - SHAPE.designated.communes),
  ];

  let t = performance.now();
  const lap = (what: string) => {
    const now = performance.now();
    log(`  ${what}: ${((now - t) / 1000).toFixed(1)} s`);
    t = now;
  };

  let communeIndex = 0;
  let conferences = 0;
  for (let p = 0; p < SHAPE.provinces; p++) {
    // One transaction per province: big enough to be fast, small enough to keep the WAL modest.
    c.transaction(() => {
      const pcode = p === 0 ? SHAPE.designated.code : `T${String(p + 1).padStart(2, '0')}`;
      const provinceId = Number(
        ins.unit.run(pcode, `Tỉnh ủy ${pcode}`, 'tinh', null, VALID_FROM).lastInsertRowid,
      );
      ins.figures.run(provinceId, '2016-01-01', 0, 0, 0, 0, 1, rng.int(1, 3));
      ins.figures.run(provinceId, '2021-01-01', 0, 0, 0, 0, 1, rng.int(2, 5));
      for (const y of years) {
        for (const body of ['cap_uy', 'ubkt'])
          if (rng.chance(0.97)) ins.inspection.run(provinceId, y, body, iso(dayOf(y, 1, rng.int(5, 28))));
        ins.commendation.run(provinceId, iso(dayOf(y, 12, rng.int(1, 28))), rng.int(2, 10), rng.int(5, 30));
      }

      for (let x = 0; x < (communesPer[p] ?? 0); x++, communeIndex++) {
        const xcode = `${pcode}-X${String(x + 1).padStart(3, '0')}`;
        const communeId = Number(
          ins.unit.run(xcode, `Đảng ủy xã ${xcode}`, 'xa', provinceId, VALID_FROM).lastInsertRowid,
        );
        const nChiBo = chiBoPer[communeIndex] ?? 1;
        const chiBo: { id: number; members: number; exempt: number }[] = [];
        for (let b = 0; b < nChiBo; b++) {
          const bcode = `${xcode}-C${String(b + 1).padStart(2, '0')}`;
          const id = Number(
            ins.unit.run(bcode, `Chi bộ ${bcode}`, 'chi_bo', communeId, VALID_FROM).lastInsertRowid,
          );
          const members = rng.int(8, 35);
          chiBo.push({ id, members, exempt: rng.int(0, Math.min(3, members >> 3)) });
        }
        const members = chiBo.reduce((s, b) => s + b.members, 0);
        const exempt = chiBo.reduce((s, b) => s + b.exempt, 0);

        // Figures on a few dates: members drift, loudspeakers and bridge points arrive over the years.
        const reporters = rng.int(3, 12);
        let loud = rng.chance(0.6);
        let bridge = rng.int(0, 1);
        for (const asOf of ['2016-01-01', '2019-07-01', '2022-07-01', '2025-07-01']) {
          const drift = rng.int(-5, 8);
          loud = loud || rng.chance(0.4);
          bridge = Math.min(4, bridge + rng.int(0, 1));
          ins.figures.run(
            communeId,
            asOf,
            members + drift,
            exempt,
            reporters + rng.int(-1, 2),
            nChiBo + rng.int(2, 4),
            loud ? 1 : 0,
            bridge,
          );
        }

        // Study conferences: the commune committee and every chi bộ, on each document of the year,
        // one or two documents per session, a make-up session now and then.
        const first = new Map<number, number>();
        const conference = (unit: number, eligibleBase: number, docsOf: Doc[], commune: boolean) => {
          for (let i = 0; i < docsOf.length; ) {
            const both = i + 1 < docsOf.length && rng.chance(0.35);
            const covered = both ? [docsOf[i] as Doc, docsOf[i + 1] as Doc] : [docsOf[i] as Doc];
            i += covered.length;
            if (!rng.chance(commune ? 0.85 : 0.93)) continue;
            const latest = covered[covered.length - 1] as Doc;
            const held = latest.issued + rng.int(5, commune ? 45 : 100);
            if (held > LAST_DAY) continue;
            const year = SHAPE.firstYear + Math.floor((held - dayOf(SHAPE.firstYear, 1, 1)) / 365.25);
            const online = rng.chance(onlineShare(year, commune));
            const form = online ? (rng.chance(commune ? 0.7 : 0.4) ? 'ket_hop' : 'truc_tuyen') : 'truc_tiep';
            const eligible = Math.max(1, eligibleBase + rng.int(-1, 1));
            const present = eligible - rng.int(0, Math.max(1, Math.floor(eligible * 0.15)));
            const others = commune ? rng.int(0, 120) : rng.chance(0.4) ? rng.int(1, 40) : 0;
            const created = (DAY0 / 1000 + held * 86_400 + 43_200) * 1000;
            const id = Number(
              ins.conf.run(
                unit,
                iso(held),
                form,
                online ? rng.int(1, 3) : 0,
                eligible,
                present,
                others,
                0,
                1,
                created,
              ).lastInsertRowid,
            );
            for (const d of covered) {
              ins.confDoc.run(id, d.id);
              if (!first.has(d.id) || (first.get(d.id) ?? 0) > held) first.set(d.id, held);
            }
            conferences++;
            if (present < eligible && rng.chance(0.15)) {
              const later = held + rng.int(7, 30);
              if (later > LAST_DAY) continue;
              const mid = Number(
                ins.conf.run(
                  unit,
                  iso(later),
                  'truc_tiep',
                  0,
                  eligible,
                  rng.int(1, eligible - present),
                  0,
                  1,
                  rng.chance(0.5) ? 1 : 0,
                  created + 86_400_000,
                ).lastInsertRowid,
              );
              for (const d of covered) ins.confDoc.run(mid, d.id);
              conferences++;
            }
          }
        };
        for (const y of years) {
          const docsOf = docsByYear.get(y) ?? [];
          conference(communeId, rng.int(15, 35), docsOf, true);
          for (const b of chiBo) conference(b.id, b.members - b.exempt, docsOf, false);
        }

        // Action plans of the commune (its grassroots organisation) per document: most on time.
        for (const [docId, firstDay] of first) {
          if (!rng.chance(0.88)) continue;
          const issued = Math.min(
            LAST_DAY,
            firstDay + (rng.chance(0.8) ? rng.int(-10, 30) : rng.int(31, 90)),
          );
          ins.plan.run(communeId, docId, iso(issued));
        }

        // The yearly reports.
        for (const y of years) {
          if (rng.chance(0.65)) {
            const surveyed = rng.int(80, 600);
            ins.survey.run(
              communeId,
              iso(dayOf(y, rng.int(4, 11), rng.int(1, 28))),
              surveyed,
              Math.floor(surveyed * (0.65 + 0.33 * rng.next())),
            );
          }
          if (rng.chance(0.9))
            ins.training.run(
              communeId,
              y,
              Math.max(0, reporters + rng.int(-3, 1)),
              iso(dayOf(y, rng.int(3, 9), rng.int(1, 28))),
            );
          if (rng.chance(0.9)) ins.personal.run(communeId, y, nChiBo + rng.int(-2, 3));
          for (const body of ['cap_uy', 'ubkt'])
            if (rng.chance(0.92))
              ins.inspection.run(communeId, y, body, iso(dayOf(y, rng.int(1, 3), rng.int(1, 28))));
          if (rng.chance(0.3))
            ins.commendation.run(
              communeId,
              iso(dayOf(y, rng.int(1, 12), rng.int(1, 28))),
              rng.int(0, 3),
              rng.int(1, 12),
            );
        }
      }
    })();
    if (p % 5 === 4 || p === SHAPE.provinces - 1)
      lap(`provinces ${p - (p % 5) + 1}–${p + 1} (${conferences.toLocaleString('en')} conferences so far)`);
  }

  // /tiendo's summaries, which the repository keeps on each write, in one pass over the reports.
  rebuildProgressSummaries(db);
  lap('summaries for /tiendo (study_pairs, conference_years, org_study_firsts)');

  c.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(STAMP_KEY, GENERATOR_VERSION);
  c.pragma('synchronous = NORMAL');
  c.pragma('foreign_keys = ON');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const info = ensureBenchDb(process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_DB_FILE);
  console.log(info.counts);
  console.log(`${(info.bytes / 1024 ** 2).toFixed(0)} MB`);
  info.db.$client.close();
}
