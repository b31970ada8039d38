/*
 * The leaders' dashboard page (docs/dashboard-api.md): what GET /api/dashboard answers, drawn as a heat table of
 * the seven indicators by unit, the counters, the trend (uPlot) and the late items. Bundled for the browser by
 * scripts/build.mjs into dist/public/dashboard.js; nothing is loaded from elsewhere (the CSP allows 'self' only).
 *
 * Signing in: the session cookie of the web page (docs/dashboard-api.md, "Authentication"), or inside Telegram
 * the Mini App's init data, read from `#tgWebAppData=...` and exchanged for a bearer token.
 */
import uPlot from 'uplot';
import { percent } from '../../domain/progress-format.js';
import { formatDate, formatNumber } from '../../domain/vn.js';

type Status = 'met' | 'below' | 'nodata' | 'pending';
interface Cell {
  key: string;
  num: number;
  den: number;
  rate: number | null;
  status: Status;
  pending: number;
}
interface Indicator {
  key: string;
  no: number;
  name: string;
  target: number | null;
}
interface Row {
  unitId: number;
  name: string;
  kind: string;
  own: boolean;
  hasChildren: boolean;
  cells: Cell[];
}
interface Named {
  id: number;
  name: string;
}
interface Dashboard {
  user: { name: string };
  roots: Named[];
  unit: Named & { kind: string; parent: Named | null };
  period: { from: number; to: number; label: string };
  years: { min: number; max: number };
  programmes: (Named & { from: number; to: number })[];
  programme: Named | null;
  indicators: Indicator[];
  rows: Row[];
  total: { cells: Cell[] };
  counters: Record<'conferences' | 'attendances' | 'loudspeakers' | 'bridgePoints' | 'commendations', number>;
  /** Null in the first answer (`trend=0`): asked apart, once the table is drawn (loadTrend). */
  trend: Trend | null;
  late: { items: { unit: string; item: string; deadline: string; daysLate: number }[]; more: number };
  downloads: { xlsx: string; docx: string };
}
interface Trend {
  years: number[];
  series: { key: string; rates: (number | null)[] }[];
}
interface Query {
  unit?: number;
  from?: number;
  to?: number;
  programme?: number;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};

const COUNTERS: [keyof Dashboard['counters'], string][] = [
  ['conferences', 'Hội nghị'],
  ['attendances', 'Lượt người tham dự'],
  ['loudspeakers', 'Xã có loa truyền thanh'],
  ['bridgePoints', 'Điểm cầu trực tuyến'],
  ['commendations', 'Tập thể, cá nhân được khen thưởng'],
];
/** The seven lines of the trend, told apart by more than their colour: each has its own dash. */
const LINES: [string, number[]][] = [
  ['#a50e0e', []],
  ['#0b4f8a', [6, 3]],
  ['#1e7b34', []],
  ['#c75b00', [2, 3]],
  ['#6a3d9a', []],
  ['#00838f', [8, 3, 2, 3]],
  ['#5d4037', [4, 4]],
];
const TOKEN_KEY = 'dashboard-token';

let token: string | null = null;
let data: Dashboard | null = null;
let query: Query = readQuery();
/** Sorted by the unit's name ('name') or an indicator's key; ascending = worst first for an indicator. */
let sort: { key: string; asc: boolean } | null = null;
/** The units above the one shown, as they were opened (the API gives only the parent). */
let trail: Named[] = [];
let chart: uPlot | null = null;
let miniAppRetried = false;

function readQuery(): Query {
  const p = new URLSearchParams(location.search);
  const q: Query = {};
  for (const k of ['unit', 'from', 'to', 'programme'] as const) {
    const v = Number(p.get(k));
    if (p.get(k) && Number.isInteger(v)) q[k] = v;
  }
  return q;
}

const queryString = (q: Query) =>
  new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();

/** The Mini App's signed init data: Telegram puts it in the URL's fragment (docs/dashboard-api.md). */
function miniAppInitData(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('tgWebAppData');
  const fromScript = (window as { Telegram?: { WebApp?: { initData?: string } } }).Telegram?.WebApp?.initData;
  return fromHash || fromScript || null;
}

function storage(value?: string | null): string | null {
  // Storage may be refused in a third-party frame (Telegram Web): then the token lives as long as the page.
  try {
    if (value === null) sessionStorage.removeItem(TOKEN_KEY);
    else if (value !== undefined) sessionStorage.setItem(TOKEN_KEY, value);
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** A JSON answer: the dashboard, a token, or `{ error }` (docs/dashboard-api.md). */
type Reply = { error?: string; token?: string } & Record<string, unknown>;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Reply }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json().catch(() => ({})) };
  } catch {
    return { status: 0, json: { error: 'Không kết nối được máy chủ. Hãy thử lại.' } };
  }
}

async function miniAppSignIn(initData: string): Promise<boolean> {
  const r = await call('POST', '/api/miniapp/signin', { initData });
  if (r.status === 200 && typeof r.json.token === 'string') {
    token = r.json.token;
    storage(token);
    return true;
  }
  showSignIn(`Telegram không xác nhận được đồng chí: ${r.json.error ?? 'có lỗi xảy ra.'}`);
  return false;
}

function showSignIn(why?: string): void {
  $('loading').hidden = true;
  $('board').hidden = true;
  $('who').textContent = '';
  $('signin').hidden = false;
  $('signin-why').textContent = why ?? 'Hãy đăng nhập để xem bảng theo dõi.';
  $('code').focus();
}

async function load(push: boolean): Promise<void> {
  const board = $('board');
  board.setAttribute('aria-busy', 'true');
  const r = await call('GET', `/api/dashboard?${queryString(query)}&trend=0`);
  board.removeAttribute('aria-busy');
  if (r.status === 401) {
    const initData = miniAppInitData();
    if (token) {
      token = null;
      storage(null);
    }
    if (initData && !miniAppRetried) {
      miniAppRetried = true;
      if (await miniAppSignIn(initData)) return load(push);
      return;
    }
    return showSignIn(data ? 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.' : undefined);
  }
  if (r.status !== 200) {
    const error = r.json.error ?? 'Có lỗi xảy ra. Hãy thử lại.';
    // An address one may not open (another unit, a year out of range): the default view, with the reason.
    if (!data && r.status >= 400 && r.status < 500 && Object.keys(query).length > 0) {
      query = {};
      await load(false);
    }
    $('error').textContent = error;
    if (!data) {
      $('loading').hidden = true;
      board.hidden = false;
    }
    return;
  }
  $('error').textContent = '';
  const d = r.json as unknown as Dashboard;
  const unitChanged = data?.unit.id !== d.unit.id;
  data = d;
  query = { unit: d.unit.id, from: d.period.from, to: d.period.to, programme: d.programme?.id };
  const url = `${location.pathname}?${queryString(query)}${location.hash}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  render(d);
  if (unitChanged && push) $('unit-name').focus();
  await loadTrend(d);
}

/** The trend, asked once the table is on screen (counting the programme's years is the slow part). */
async function loadTrend(d: Dashboard): Promise<void> {
  const section = $('trend-section');
  section.setAttribute('aria-busy', 'true');
  delete document.body.dataset.trend;
  $('trend-empty').textContent = 'Đang tính xu hướng theo năm…';
  $('trend-empty').hidden = false;
  const r = await call('GET', `/api/dashboard/trend?${queryString(query)}`);
  // Another unit or period asked meanwhile: its own answer will draw it.
  if (data !== d) return;
  section.removeAttribute('aria-busy');
  if (r.status !== 200) {
    $('trend-empty').textContent = r.json.error ?? 'Không tính được xu hướng. Hãy tải lại trang.';
    return;
  }
  d.trend = r.json as unknown as Trend;
  renderTrend(d);
  document.body.dataset.trend = 'ready';
}

function navigate(q: Query): void {
  query = q;
  void load(true);
}

function render(d: Dashboard): void {
  $('loading').hidden = true;
  $('signin').hidden = true;
  $('board').hidden = false;
  $('who').textContent = `Đồng chí ${d.user.name}`;
  document.title = `${d.unit.name} — Bảng theo dõi`;
  renderTrail(d);
  $('unit-name').textContent = d.unit.name;
  $('unit-name').tabIndex = -1;
  $('subtitle').textContent = `${d.period.label} · ${d.programme?.name ?? 'Chưa có chương trình'}`;
  renderFilters(d);
  $('counters').replaceChildren(
    ...COUNTERS.map(([k, label]) =>
      el('div', {}, el('dt', {}, label), el('dd', {}, formatNumber(d.counters[k]))),
    ),
  );
  // Unknown key (another programme's indicators): back to the default, worst units first.
  if (sort && sort.key !== 'name' && !d.indicators.some((i) => i.key === sort?.key)) sort = null;
  renderTable(d);
  renderTrend(d);
  renderLate(d);
  renderDownloads(d);
}

function renderTrail(d: Dashboard): void {
  const at = trail.findIndex((u) => u.id === d.unit.id);
  if (at >= 0) trail = trail.slice(0, at);
  else if (!(trail.length > 0 && trail.at(-1)?.id === d.unit.parent?.id))
    trail = d.unit.parent ? [d.unit.parent] : [];
  const items = trail.map((u) =>
    el(
      'li',
      {},
      el('button', {
        type: 'button',
        textContent: u.name,
        onclick: () => navigate({ ...query, unit: u.id }),
      }),
    ),
  );
  const here = el('li', {}, d.unit.name);
  here.setAttribute('aria-current', 'page');
  $('trail').replaceChildren(...items, here);
  $('trail').hidden = items.length === 0;
  trail = [...trail, { id: d.unit.id, name: d.unit.name }];
}

function options(select: HTMLSelectElement, list: [string, string][], value: string): void {
  select.replaceChildren(...list.map(([v, label]) => el('option', { value: v, textContent: label })));
  select.value = value;
}

function renderFilters(d: Dashboard): void {
  const years: [string, string][] = [];
  for (let y = d.years.max; y >= d.years.min; y--) years.push([String(y), String(y)]);
  options($<HTMLSelectElement>('from'), years, String(d.period.from));
  options($<HTMLSelectElement>('to'), years, String(d.period.to));
  const programmes: [string, string][] = d.programmes.map((p) => [
    String(p.id),
    `${p.name} (${p.from}–${p.to})`,
  ]);
  if (!d.programme) programmes.unshift(['', 'Chưa có chương trình']);
  options($<HTMLSelectElement>('programme'), programmes, String(d.programme?.id ?? ''));
  $('root-field').hidden = d.roots.length < 2;
  const roots: [string, string][] = d.roots.map((u) => [String(u.id), u.name]);
  if (!d.roots.some((u) => u.id === d.unit.id)) roots.push([String(d.unit.id), d.unit.name]);
  options($<HTMLSelectElement>('root'), roots, String(d.unit.id));
}

$('from').addEventListener('change', () => {
  const from = Number($<HTMLSelectElement>('from').value);
  navigate({ ...query, from, to: Math.max(from, query.to ?? from) });
});
$('to').addEventListener('change', () => {
  const to = Number($<HTMLSelectElement>('to').value);
  navigate({ ...query, to, from: Math.min(to, query.from ?? to) });
});
$('programme').addEventListener('change', () => {
  const p = data?.programmes.find((x) => String(x.id) === $<HTMLSelectElement>('programme').value);
  if (!p || !data) return;
  // A programme is read over its own years, as far as one may ask.
  const to = Math.min(Math.max(p.to, data.years.min), data.years.max);
  const from = Math.min(Math.max(p.from, data.years.min), to);
  navigate({ ...query, programme: p.id, from, to });
});
$('root').addEventListener('change', () => {
  trail = [];
  navigate({ ...query, unit: Number($<HTMLSelectElement>('root').value) });
});
$('filters').addEventListener('submit', (e) => e.preventDefault());

/** As /tiendo writes it (`95,24%`, `100%`): the same figure in the bot and on the page. */
const pct = (r: number) => percent(r);

function statusWords(c: Cell, target: number | null): string {
  if (c.status === 'nodata') return 'chưa có dữ liệu';
  if (c.status === 'pending') return 'chưa đến hạn';
  if (target === null) return 'không đặt mục tiêu';
  return c.status === 'met' ? `đạt mục tiêu ${pct(target)}` : `dưới mục tiêu ${pct(target)}`;
}

function describe(row: string, ind: Indicator, c: Cell): string {
  const figures = c.den > 0 ? `${formatNumber(c.num)}/${formatNumber(c.den)} (${pct(c.rate ?? 0)})` : '';
  const pending = c.pending > 0 ? `${formatNumber(c.pending)} chưa đến hạn` : '';
  const parts = [figures, statusWords(c, ind.target), c.den > 0 ? pending : ''].filter(Boolean);
  return `${row} — ${ind.no}. ${ind.name}: ${parts.join('; ')}`;
}

/** How far below its target a cell is, in three bands (the darker, the further). */
function band(c: Cell, target: number | null): string {
  if (c.status !== 'below' || c.rate === null || target === null) return '';
  const gap = target - c.rate;
  return gap < 0.1 ? 'b1' : gap < 0.25 ? 'b2' : 'b3';
}

function cellView(c: Cell, ind: Indicator, rowName: string): HTMLTableCellElement {
  const td = el('td', { className: `${c.status} ${band(c, ind.target)}`.trim() });
  td.title = describe(rowName, ind, c);
  td.dataset.key = c.key;
  const hidden = el('span', { className: 'visually-hidden', textContent: ` ${statusWords(c, ind.target)}` });
  if (c.status === 'nodata') td.append(el('span', { className: 'rate', textContent: '—' }), hidden);
  else if (c.status === 'pending') td.append(el('span', { className: 'rate', textContent: 'chưa đến hạn' }));
  else {
    const mark = el('span', { className: 'mark', textContent: c.status === 'met' ? '✓' : '▼' });
    mark.setAttribute('aria-hidden', 'true');
    td.append(el('span', { className: 'rate', textContent: pct(c.rate ?? 0) }), mark, hidden);
    if (c.pending > 0) td.append(el('span', { className: 'sub', textContent: `+${c.pending} chưa đến hạn` }));
  }
  return td;
}

/** Lowest rate first; the not yet due, then the empty, last whichever the direction. */
const byName = (a: Row, b: Row) => a.name.localeCompare(b.name, 'vi');

/** How far a row lags: its indicators below target, and by how much in all (the default order, worst first). */
function lag(r: Row, d: Dashboard): { below: number; shortfall: number } {
  let below = 0;
  let shortfall = 0;
  r.cells.forEach((c, i) => {
    if (c.status !== 'below') return;
    below += 1;
    const target = d.indicators[i]?.target;
    if (target != null && c.rate != null) shortfall += target - c.rate;
  });
  return { below, shortfall };
}

function worstFirst(d: Dashboard): (a: Row, b: Row) => number {
  return (a, b) => {
    const x = lag(a, d);
    const y = lag(b, d);
    return y.below - x.below || y.shortfall - x.shortfall || byName(a, b);
  };
}

function compare(key: string, asc: boolean): (a: Row, b: Row) => number {
  if (key === 'name') return (a, b) => (asc ? byName(a, b) : byName(b, a));
  const rank = (r: Row) => {
    const c = r.cells.find((x) => x.key === key);
    return c?.rate != null ? 0 : c?.status === 'pending' ? 1 : 2;
  };
  const rate = (r: Row) => r.cells.find((x) => x.key === key)?.rate ?? 0;
  return (a, b) => rank(a) - rank(b) || (asc ? rate(a) - rate(b) : rate(b) - rate(a)) || byName(a, b);
}

function sortButton(th: HTMLTableCellElement, key: string, content: Node | string, label: string): void {
  const b = el('button', { type: 'button', className: 'sort', title: label }, content);
  b.setAttribute('aria-label', label);
  b.addEventListener('click', () => {
    sort = sort?.key === key ? { key, asc: !sort.asc } : { key, asc: true };
    if (data) renderRows(data);
  });
  th.dataset.key = key;
  th.append(b);
}

function renderTable(d: Dashboard): void {
  const head = el('tr');
  const unitTh = el('th', { className: 'unit', scope: 'col' });
  sortButton(unitTh, 'name', 'Đơn vị', 'Đơn vị: sắp xếp theo tên');
  head.append(unitTh);
  for (const ind of d.indicators) {
    const th = el('th', { scope: 'col' });
    const target = ind.target === null ? '' : ` (mục tiêu ${pct(ind.target)})`;
    sortButton(
      th,
      ind.key,
      el('abbr', { title: ind.name }, String(ind.no)),
      `${ind.no}. ${ind.name}${target}`,
    );
    head.append(th);
  }
  $('heat').querySelector('thead')?.replaceChildren(head);
  const total = el(
    'tr',
    {},
    el('th', { className: 'unit', scope: 'row', textContent: `Toàn ${d.unit.name}` }),
  );
  d.indicators.forEach((ind, i) => {
    const c = d.total.cells[i];
    if (c) total.append(cellView(c, ind, `Toàn ${d.unit.name}`));
  });
  $('heat').querySelector('tfoot')?.replaceChildren(total);
  $('indicator-names').replaceChildren(
    ...d.indicators.map((ind) =>
      el(
        'li',
        {},
        el('b', {}, `${ind.no}.`),
        ` ${ind.name}${ind.target === null ? '' : ` — mục tiêu ${pct(ind.target)}`}`,
      ),
    ),
  );
  $('detail').textContent = '';
  renderRows(d);
}

function renderRows(d: Dashboard): void {
  const s = sort;
  for (const th of $('heat').querySelectorAll<HTMLTableCellElement>('thead th')) {
    if (s && th.dataset.key === s.key) th.setAttribute('aria-sort', s.asc ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  }
  $('order').textContent = s
    ? ''
    : 'Đang xếp: đơn vị chưa đạt nhiều chỉ tiêu nhất lên đầu (rồi theo mức thiếu so với mục tiêu).';
  const own = d.rows.filter((r) => r.own);
  const others = d.rows.filter((r) => !r.own).sort(s ? compare(s.key, s.asc) : worstFirst(d));
  const rows = [...own, ...others].map((r) => {
    const tr = el('tr', { className: r.own ? 'own' : '' });
    tr.dataset.unit = String(r.unitId);
    const th = el('th', { className: 'unit', scope: 'row' });
    const name = el('span', { className: 'name', textContent: r.name });
    if (r.hasChildren && !r.own) {
      const more = el('span', { textContent: ' ›' });
      more.setAttribute('aria-hidden', 'true');
      const b = el('button', { type: 'button', className: 'drill' }, name, more);
      b.title = `Xem các đơn vị trực thuộc ${r.name}`;
      b.addEventListener('click', () => navigate({ ...query, unit: r.unitId }));
      th.append(b);
    } else th.append(name);
    // The API names it "<unit> (riêng cấp này)", as /tiendo does; a name without it still gets the label.
    if (r.own && !/cấp này/.test(r.name))
      th.append(el('span', { className: 'tag', textContent: 'riêng cấp này' }));
    const { below } = lag(r, d);
    if (below > 0) th.append(el('span', { className: 'lag', textContent: `${below} chỉ tiêu chưa đạt` }));
    tr.append(th);
    d.indicators.forEach((ind, i) => {
      const c = r.cells[i];
      if (c) tr.append(cellView(c, ind, r.name));
    });
    return tr;
  });
  const body = $('heat').querySelector('tbody');
  if (rows.length === 0) {
    const td = el('td', { colSpan: d.indicators.length + 1, textContent: 'Không có đơn vị trực thuộc.' });
    body?.replaceChildren(el('tr', {}, td));
  } else body?.replaceChildren(...rows);
  const cells = [...$('heat').querySelectorAll<HTMLTableCellElement>('tbody td, tfoot td')];
  cells.forEach((td, i) => {
    td.tabIndex = i === 0 ? 0 : -1;
  });
}

/* The cells: one tab stop for all of them, the arrows move between them; focus or a tap shows the figures. */
function selectCell(td: HTMLTableCellElement): void {
  for (const x of $('heat').querySelectorAll('td.selected')) x.classList.remove('selected');
  for (const x of $('heat').querySelectorAll<HTMLElement>('td[tabindex="0"]')) x.tabIndex = -1;
  td.classList.add('selected');
  td.tabIndex = 0;
  $('detail').textContent = td.title;
}
$('heat').addEventListener('focusin', (e) => {
  const td = (e.target as HTMLElement).closest('td');
  if (td?.title) selectCell(td);
});
$('heat').addEventListener('click', (e) => {
  const td = (e.target as HTMLElement).closest('td');
  if (td?.title) td.focus();
});
$('heat').addEventListener('keydown', (e) => {
  const td = (e.target as HTMLElement).closest('td');
  const tr = td?.parentElement as HTMLTableRowElement | null;
  if (!td || !tr) return;
  const rows = [...$('heat').querySelectorAll<HTMLTableRowElement>('tbody tr, tfoot tr')];
  const r = rows.indexOf(tr);
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
  };
  const move = moves[e.key];
  if (!move) return;
  const next = rows[r + move[0]]?.cells[td.cellIndex + move[1]];
  if (next?.tagName === 'TD') {
    e.preventDefault();
    (next as HTMLElement).focus();
  }
});

function renderTrend(d: Dashboard): void {
  chart?.destroy();
  chart = null;
  const box = $('chart');
  const trend = d.trend;
  if (!trend) return;
  // A programme's years before the unit existed, or with nothing filed: no line to draw.
  const empty = !trend.series.some((s) => s.rates.some((r) => r !== null));
  $('trend-empty').textContent = 'Chưa có số liệu theo năm.';
  $('trend-empty').hidden = !empty;
  box.hidden = empty;
  const table = $('trend-table');
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Năm'));
  for (const ind of d.indicators) head.append(el('th', { scope: 'col' }, `${ind.no}. ${ind.name}`));
  table.querySelector('thead')?.replaceChildren(head);
  table.querySelector('tbody')?.replaceChildren(
    ...trend.years.map((y, i) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, String(y)),
        ...d.indicators.map((ind) => {
          const r = trend.series.find((s) => s.key === ind.key)?.rates[i];
          return el('td', {}, r == null ? 'chưa có dữ liệu' : pct(r));
        }),
      ),
    ),
  );
  if (empty) return;
  const series: uPlot.Series[] = [{ label: 'Năm' }];
  const values: (number | null)[][] = [];
  d.indicators.forEach((ind, i) => {
    const [stroke, dash] = LINES[i % LINES.length] ?? ['#000', []];
    series.push({
      label: `${ind.no}. ${ind.name}`,
      stroke,
      dash,
      width: 2,
      points: { show: true, size: 6 },
      value: (_u, v) => (v == null ? '—' : pct(v / 100)),
    });
    const rates = trend.series.find((s) => s.key === ind.key)?.rates ?? [];
    values.push(trend.years.map((_, j) => (rates[j] == null ? null : (rates[j] as number) * 100)));
  });
  chart = new uPlot(
    {
      width: chartWidth(),
      height: chartHeight(),
      series,
      legend: {
        live: false,
        markers: { dash: (_u, i) => ((LINES[i - 1]?.[1].length ?? 0) > 0 ? 'dashed' : 'solid') },
      },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: [0, 100] } },
      axes: [
        { incrs: [1], values: (_u, vals) => vals.map((v) => String(v)) },
        { values: (_u, vals) => vals.map((v) => `${v}%`), size: 48 },
      ],
    },
    [trend.years, ...values] as uPlot.AlignedData,
    box,
  );
}

const chartWidth = () => Math.max(240, $('chart').clientWidth);
const chartHeight = () => (window.innerWidth < 600 ? 220 : 300);
let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => chart?.setSize({ width: chartWidth(), height: chartHeight() }), 150);
});

/** Late items shown at once; the rest behind "Xem thêm", so a long list does not push the page down. */
const LATE_SHOWN = 10;

function renderLate(d: Dashboard): void {
  const items: HTMLElement[] = d.late.items.map((x) =>
    el(
      'li',
      {},
      el('b', {}, x.item),
      ` — ${x.unit}; hạn ${formatDate(x.deadline)}: `,
      el('span', { className: 'days' }, `Quá hạn ${formatNumber(x.daysLate)} ngày`),
    ),
  );
  if (d.late.more > 0) items.push(el('li', {}, `… và ${formatNumber(d.late.more)} việc khác`));
  if (items.length === 0) items.push(el('li', {}, 'Không có việc quá hạn.'));
  const rest = items.splice(LATE_SHOWN);
  if (rest.length > 0)
    items.push(
      el(
        'li',
        { className: 'more' },
        el(
          'details',
          {},
          el('summary', {}, `Xem thêm ${formatNumber(rest.length)} mục`),
          el('ul', {}, ...rest),
        ),
      ),
    );
  $('late').replaceChildren(...items);
}

function renderDownloads(d: Dashboard): void {
  $<HTMLAnchorElement>('xlsx').href = d.downloads.xlsx;
  $<HTMLAnchorElement>('docx').href = d.downloads.docx;
}

/* With a bearer token (inside Telegram, where the cookie may be blocked) a plain link would be refused. */
for (const id of ['xlsx', 'docx']) {
  $(id).addEventListener('click', async (e) => {
    if (!token) return;
    e.preventDefault();
    const a = e.currentTarget as HTMLAnchorElement;
    const res = await fetch(a.href, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
    if (!res?.ok) {
      $('error').textContent = 'Không tải được tệp. Hãy thử lại.';
      return;
    }
    const disposition = res.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    const plain = /filename="?([^";]+)/i.exec(disposition)?.[1];
    const link = el('a', {
      href: URL.createObjectURL(await res.blob()),
      download: (encoded ? decodeURIComponent(encoded) : plain) || `bang-theo-doi.${id}`,
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
}

$('signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('signin-error').textContent = '';
  const r = await call('POST', '/api/signin', {
    code: $<HTMLInputElement>('code').value,
    name: $<HTMLInputElement>('name').value,
  });
  if (r.status !== 200) {
    $('signin-error').textContent = r.json.error ?? 'Có lỗi xảy ra. Hãy thử lại.';
    return;
  }
  await load(false);
});

window.addEventListener('popstate', () => {
  query = readQuery();
  void load(false);
});

async function start(): Promise<void> {
  token = storage();
  const initData = miniAppInitData();
  if (initData && !token) {
    miniAppRetried = true;
    if (!(await miniAppSignIn(initData))) return;
  }
  await load(false);
}

void start();
