/*
 * Writes data-samples/bao-cao/*.csv: Chợ Mới's reports on Đề án 07-ĐA/TU, 2017 to the summing-up conference of
 * 22/09/2022, whose totals are the seed article's (docs/domain.md, "The Chợ Mới sample"): 486 conferences for
 * more than 39.000 attendances, 14/14 communes with loudspeakers, 2 district and 14 commune bridge points, and the
 * seven targets met exactly as the article states them (100, 90, 80, 100, 100, 90, 100%). The per-unit numbers
 * are invented but plausible, drawn from a fixed seed: `npx tsx scripts/cho-moi-history.ts` writes the same files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'data-samples', 'bao-cao');

let seed = 20170701;
/** A whole number in [lo, hi], from a fixed-seed generator. */
function pick(lo: number, hi: number): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return lo + (seed % (hi - lo + 1));
}

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const vn = (isoDay: string) => isoDay.split('-').reverse().join('/');
const addDays = (isoDay: string, n: number) => {
  const t = new Date(`${isoDay}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};
/** Monday to Friday: a conference is not held at the weekend. */
const weekday = (isoDay: string) => {
  let d = isoDay;
  while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, 1);
  return d;
};

interface Figures {
  members: number;
  exempt: number;
  reporters: number;
  required: number;
}

/** The figures in force in 2017–2019 (data-samples/figures.csv, 01/01/2017) and from 2020 (01/01/2020). */
function readFigures(): Map<string, Array<{ from: string } & Figures>> {
  const byUnit = new Map<string, Array<{ from: string } & Figures>>();
  const lines = fs
    .readFileSync(path.join(ROOT, 'data-samples', 'figures.csv'), 'utf8')
    .trim()
    .split('\n');
  for (const line of lines.slice(1)) {
    const [code = '', day = '', members, exempt, reporters, required] = line.split(',');
    const rows = byUnit.get(code) ?? [];
    rows.push({
      from: day.split('/').reverse().join('-'),
      members: Number(members),
      exempt: Number(exempt),
      reporters: Number(reporters),
      required: Number(required),
    });
    byUnit.set(code, rows);
  }
  return byUnit;
}

const FIGURES = readFigures();
const figuresOn = (unit: string, day: string): Figures => {
  const rows = (FIGURES.get(unit) ?? []).filter((r) => r.from <= day);
  const f = rows.at(-1);
  if (!f) throw new Error(`${unit}: no figures on ${day}`);
  return f;
};

const DISTRICT = 'HU_CHOMOI';
const COMMUNES = [
  'XA_DONGTAM',
  'XA_TANSON',
  'XA_THANHVAN',
  'XA_MAILAP',
  'XA_HOAMUC',
  'XA_THANHMAI',
  'XA_CAOKY',
  'XA_NONGHA',
  'XA_YENCU',
  'XA_THANHTHINH',
  'XA_YENHAN',
  'XA_NHUCO',
  'XA_BINHVAN',
  'XA_QUANGCHU',
];
const UNITS = [DISTRICT, ...COMMUNES];
const YEARS = [2017, 2018, 2019, 2020, 2021, 2022];
/** The documents studied each year, the first in spring, the second in autumn (2022: both by June). */
const DOCUMENTS: Record<number, [string, string]> = {
  2017: ['04-NQ/TW', '05-CT/TW'],
  2018: ['18-NQ/TW', '19-NQ/TW'],
  2019: ['35-NQ/TW', '37-NQ/TW'],
  2020: ['20-NQ/TW', '21-NQ/TW'],
  2021: ['36-NQ/TW', '01-KL/TW'],
  2022: ['06-NQ/TW', '11-NQ/TW'],
};
/** Communes without a loudspeaker system until their facilities report of 2018 (co_so_vat_chat); the others 2017. */
const LOUDSPEAKER_LATE = ['XA_THANHVAN', 'XA_MAILAP', 'XA_YENCU', 'XA_YENHAN', 'XA_BINHVAN'];

function write(file: string, header: string, rows: string[][]): void {
  const cell = (c: string) => (/[",;\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  const text = [header, ...rows.map((r) => r.map(cell).join(','))].join('\n');
  fs.writeFileSync(path.join(OUT, file), `${text}\n`);
}

// ---- Conferences: every unit studies each document once; the communes hold make-up sessions (học bù). ----
interface Session {
  unit: string;
  day: string;
  doc: string;
  online: boolean;
  bridgePoints: number;
  eligible: number;
  present: number;
  people: number;
  makeUp: boolean;
}
const sessions: Session[] = [];
const firstStudy = new Map<string, string>();

/** Sessions per (unit, document): the district 2 each; a commune 3 for nine documents, 2 for three (33). */
const sessionsOf = (unit: string, docIndex: number) => (unit === DISTRICT ? 2 : docIndex % 4 === 3 ? 2 : 3);

for (const unit of UNITS) {
  YEARS.forEach((year, y) => {
    DOCUMENTS[year]?.forEach((doc, half) => {
      const month = year === 2022 ? 3 + half * 2 : 3 + half * 6;
      const main = weekday(iso(year, month, pick(2, 20)));
      const f = figuresOn(unit, main);
      const eligible = f.members - f.exempt;
      const n = sessionsOf(unit, y * 2 + half);
      // Online from 2019, when every commune had its bridge point; each unit at least once a year from then.
      const online = year >= 2019 && half === (UNITS.indexOf(unit) + y) % 2;
      for (let s = 0; s < n; s++) {
        const day = s === 0 ? main : weekday(addDays(main, 14 * s + pick(0, 6)));
        sessions.push({
          unit,
          day,
          doc,
          online: s === 0 && online,
          bridgePoints: s === 0 && online ? (unit === DISTRICT ? 16 : 1) : 0,
          eligible,
          present: 0,
          people: s === 0 ? pick(2, 8) : 0,
          makeUp: s > 0,
        });
      }
      firstStudy.set(`${unit}|${doc}`, main);
    });
  });
}

/** 90% of those who must study attend, summed over a pair's sessions: Σ present = 0,9 × Σ eligible exactly. */
{
  const pairs = new Map<string, Session[]>();
  for (const s of sessions) pairs.set(`${s.unit}|${s.doc}`, [...(pairs.get(`${s.unit}|${s.doc}`) ?? []), s]);
  const list = [...pairs.values()];
  // One pair's eligible count is lowered (members away for the whole year) so that the total divides by 10.
  const total = () => list.reduce((a, p) => a + (p[0]?.eligible ?? 0), 0);
  const last = list.at(-1) ?? [];
  const over = total() % 10;
  for (const s of last) s.eligible -= over;
  let owed = (total() * 9) / 10;
  const targets = list.map((p) => Math.floor(((p[0]?.eligible ?? 0) * 9) / 10));
  owed -= targets.reduce((a, b) => a + b, 0);
  list.forEach((p, i) => {
    let present = (targets[i] ?? 0) + (i < owed ? 1 : 0);
    // The first session takes most; make-up sessions the rest, a few each.
    for (let s = p.length - 1; s > 0; s--) {
      const few = Math.min(present, pick(4, 12));
      const session = p[s];
      if (session) session.present = few;
      present -= few;
    }
    const first = p[0];
    if (first) first.present = present;
  });
}

sessions.sort((a, b) => a.day.localeCompare(b.day) || UNITS.indexOf(a.unit) - UNITS.indexOf(b.unit));
write(
  'hoi_nghi.csv',
  'ma,ngay,van_ban,hinh_thuc,diem_cau,phai_hoc_tap,co_mat,quan_chung,hoc_bu,bao_cao_vien',
  sessions.map((s) => [
    s.unit,
    vn(s.day),
    s.doc,
    s.online ? 'ket_hop' : 'truc_tiep',
    s.online ? String(s.bridgePoints) : '',
    String(s.eligible),
    String(s.present),
    String(s.people),
    s.makeUp ? 'có' : 'không',
    s.makeUp ? 'không' : 'có',
  ]),
);

// ---- Action plans: each commune, each document, within 30 days of its first conference on it. ----
write(
  'ke_hoach_hanh_dong.csv',
  'ma,van_ban,ngay_ban_hanh',
  COMMUNES.flatMap((unit) =>
    YEARS.flatMap((year) =>
      (DOCUMENTS[year] ?? []).map((doc) => [
        unit,
        doc,
        vn(weekday(addDays(firstStudy.get(`${unit}|${doc}`) ?? '', pick(5, 20)))),
      ]),
    ),
  ),
);

// ---- Personal plans: 90% of those who must keep one, each year, summed over the district exactly. ----
{
  const rows: string[][] = [];
  for (const year of YEARS) {
    const required = UNITS.map((u) => figuresOn(u, `${year}-12-31`).required);
    const sum = required.reduce((a, b) => a + b, 0);
    if (sum % 10 !== 0) throw new Error(`${year}: ${sum} secretaries and heads, not a multiple of 10`);
    const withPlan = required.map((r) => Math.floor(r * 0.9));
    let owed = (sum * 9) / 10 - withPlan.reduce((a, b) => a + b, 0);
    for (let i = 0; owed > 0; i = (i + 1) % UNITS.length) {
      if ((withPlan[i] ?? 0) < (required[i] ?? 0)) {
        withPlan[i] = (withPlan[i] ?? 0) + 1;
        owed--;
      }
    }
    UNITS.forEach((u, i) => {
      rows.push([u, String(year), String(withPlan[i])]);
    });
  }
  write('ke_hoach_ca_nhan.csv', 'ma,nam,co_ke_hoach', rows);
}

// ---- Inspection programmes: the committee's and its UBKT's, every year, approved in January. ----
write(
  'kiem_tra_giam_sat.csv',
  'ma,nam,cua,ngay_phe_duyet',
  UNITS.flatMap((u) =>
    YEARS.flatMap((year) =>
      ['cap_uy', 'ubkt'].map((body, b) => [
        u,
        String(year),
        body,
        vn(weekday(iso(year, 1, 5 + b * 7 + pick(0, 4)))),
      ]),
    ),
  ),
);

// ---- Reporter training: every reporter, every year. ----
write(
  'tap_huan_bcv.csv',
  'ma,nam,ngay,so_duoc_tap_huan',
  UNITS.flatMap((u) =>
    YEARS.map((year) => [
      u,
      String(year),
      vn(weekday(iso(year, 6, pick(3, 24)))),
      String(figuresOn(u, `${year}-12-31`).reporters),
    ]),
  ),
);

// ---- Surveys: in 2019 and 2022, 80% of those asked knew the resolutions (±3 a commune, exactly 80% in all). ----
write(
  'khao_sat.csv',
  'ma,ngay,so_khao_sat,so_nam_duoc',
  [2019, 2022].flatMap((year) =>
    COMMUNES.map((u, i) => {
      const surveyed = 10 * pick(15, 30);
      const aware = (surveyed * 8) / 10 + (i % 2 === 0 ? 3 : -3);
      return [u, vn(weekday(iso(year, 8, pick(3, 20)))), String(surveyed), String(aware)];
    }),
  ),
);

// ---- Commendations: at the summing-up conference. ----
write('khen_thuong.csv', 'ma,ngay,tap_the,ca_nhan,ghi_chu', [
  [DISTRICT, '22/09/2022', '4', '7', 'Tổng kết Đề án 07-ĐA/TU giai đoạn 2017–2022'],
]);

// ---- Facilities: bridge points (and five communes' loudspeakers) installed in 2017–2018. ----
write(
  'co_so_vat_chat.csv',
  'ma,ngay,co_loa,diem_cau',
  COMMUNES.map((u, i) => [
    u,
    vn(weekday(iso(LOUDSPEAKER_LATE.includes(u) ? 2018 : 2017, 9 + (i % 4), pick(2, 25)))),
    'có',
    '1',
  ]),
);

const people = sessions.reduce((a, s) => a + s.present + s.people, 0);
console.log(`${sessions.length} hội nghị, ${people} lượt người tham dự`);
if (sessions.length !== 486 || people < 39_000 || people >= 40_000)
  throw new Error('the totals are not the article’s');
