/*
 * The progress chart: one horizontal bar per indicator, drawn as SVG and rasterised to PNG by resvg
 * (no browser, no network). Text uses the DejaVu Sans files when present, so Vietnamese diacritics
 * render the same on every machine.
 */
import { existsSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { formatPercent } from '../domain/vn.js';

export interface ChartRow {
  label: string;
  /** 0..1 (may exceed 1); null when there is no data. */
  ratio: number | null;
  /** 0..1; null when no target is set. */
  target: number | null;
  /** null when there is no data or no target. */
  met: boolean | null;
  /** e.g. `1.234/1.300`. */
  fraction: string;
  /** What an empty bar says (ratio null): "chưa có dữ liệu" unless given, e.g. "1 chưa đến hạn". */
  empty?: string;
}

export interface ChartInput {
  title: string;
  subtitle: string;
  rows: ChartRow[];
}

export const NO_DATA_TEXT = 'chưa có dữ liệu';

export const COLORS = {
  met: '#2e7d32',
  notMet: '#f59e0b',
  noTarget: '#1e88e5',
  noData: '#bdbdbd',
  track: '#eeeeee',
  target: '#263238',
  text: '#212121',
  muted: '#616161',
} as const;

export const FONT_FILES: readonly string[] = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
];
const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";

const WIDTH = 1000;
const MARGIN = 40;
const HEADER = 150;
const ROW_HEIGHT = 66;
const FOOTER = 24;
const BAR_X = MARGIN;
const BAR_W = 760;
const BAR_H = 22;
const LABEL_SIZE = 16;
/** Rough advance of a DejaVu Sans character, in em: enough to keep a label off the right-hand text. */
const AVG_ADVANCE_EM = 0.62;
/** Closer to DejaVu Sans' real average for mostly lower-case text, used only to space the legend. */
const LEGEND_ADVANCE_EM = 0.56;

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Shortens `s` with an ellipsis to at most `maxWidth` pixels (estimated) at `fontSize`. */
function clipText(s: string, maxWidth: number, fontSize: number): string {
  const chars = [...s.normalize('NFC')];
  const max = Math.max(1, Math.floor(maxWidth / (fontSize * AVG_ADVANCE_EM)));
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const finite = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x);

/** `0.9` → `90%`, `0.955` → `95,5%`: a target keeps a decimal only when it has one. */
function targetPercent(target: number): string {
  const tenths = Math.round(target * 1000);
  return formatPercent(target, tenths % 10 === 0 ? 0 : 1);
}

export function rowColor(row: Pick<ChartRow, 'ratio' | 'met'>): string {
  if (finite(row.ratio) === null) return COLORS.noData;
  if (row.met === true) return COLORS.met;
  if (row.met === false) return COLORS.notMet;
  return COLORS.noTarget;
}

export function chartHeight(rowCount: number): number {
  return HEADER + Math.max(1, rowCount) * ROW_HEIGHT + FOOTER;
}

interface TextOpts {
  size: number;
  fill?: string;
  bold?: boolean;
  anchor?: 'start' | 'middle' | 'end';
}

function text(x: number, y: number, content: string, o: TextOpts): string {
  const attrs = [
    `x="${x}"`,
    `y="${y}"`,
    `font-size="${o.size}"`,
    `fill="${o.fill ?? COLORS.text}"`,
    o.bold ? 'font-weight="bold"' : '',
    o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`;
}

/** The legend lists only the kinds of bar the chart shows, and the target marker when there is one. */
function legend(rows: ChartRow[], y: number): string {
  const items: Array<[string, string]> = (
    [
      [COLORS.met, 'Đạt mục tiêu'],
      [COLORS.notMet, 'Chưa đạt'],
      [COLORS.noTarget, 'Không đặt mục tiêu'],
      [COLORS.noData, 'Chưa có dữ liệu'],
    ] as Array<[string, string]>
  ).filter(([color]) => rows.some((r) => rowColor(r) === color));
  const parts: string[] = [];
  let x = MARGIN;
  for (const [color, label] of items) {
    parts.push(`<rect x="${x}" y="${y - 11}" width="14" height="14" rx="2" fill="${color}"/>`);
    parts.push(text(x + 20, y, label, { size: 13, fill: COLORS.muted }));
    x += Math.round(20 + label.length * 13 * LEGEND_ADVANCE_EM + 22);
  }
  if (rows.some((r) => finite(r.target) !== null)) {
    parts.push(
      `<line x1="${x + 7}" y1="${y - 14}" x2="${x + 7}" y2="${y + 6}" stroke="${COLORS.target}" stroke-width="3"/>`,
    );
    parts.push(text(x + 20, y, 'Mục tiêu', { size: 13, fill: COLORS.muted }));
  }
  return parts.join('\n');
}

function row(r: ChartRow, top: number): string {
  const ratio = finite(r.ratio);
  const target = finite(r.target);
  const color = rowColor({ ratio, met: r.met });
  const parts: string[] = [];
  const labelY = top + 18;
  const barY = top + 28;
  const right = WIDTH - MARGIN;

  const detail = [r.fraction.trim(), target === null ? '' : `mục tiêu ${targetPercent(target)}`]
    .filter(Boolean)
    .join(' · ');
  const detailWidth = detail.length * 13 * AVG_ADVANCE_EM;
  parts.push(text(right, labelY, detail, { size: 13, fill: COLORS.muted, anchor: 'end' }));
  const labelRoom = right - MARGIN - detailWidth - 24;
  parts.push(
    text(MARGIN, labelY, clipText(r.label, labelRoom, LABEL_SIZE), { size: LABEL_SIZE, bold: true }),
  );

  parts.push(
    `<rect x="${BAR_X}" y="${barY}" width="${BAR_W}" height="${BAR_H}" rx="3" fill="${COLORS.track}"/>`,
  );
  if (ratio === null) {
    parts.push(
      `<rect x="${BAR_X}" y="${barY}" width="${BAR_W}" height="${BAR_H}" rx="3" fill="none" stroke="${COLORS.noData}" stroke-dasharray="6 4"/>`,
    );
    parts.push(text(BAR_X + 10, barY + 16, r.empty ?? NO_DATA_TEXT, { size: 14, fill: COLORS.muted }));
    parts.push(text(right, barY + 17, '—', { size: 17, fill: COLORS.muted, anchor: 'end' }));
  } else {
    const w = Math.round(BAR_W * clamp01(ratio) * 10) / 10;
    if (w > 0) {
      parts.push(
        `<rect class="bar" x="${BAR_X}" y="${barY}" width="${w}" height="${BAR_H}" rx="3" fill="${color}"/>`,
      );
    }
    parts.push(
      text(right, barY + 17, formatPercent(ratio, 1), {
        size: 17,
        bold: true,
        fill: color === COLORS.notMet ? '#b45309' : color,
        anchor: 'end',
      }),
    );
  }
  if (target !== null) {
    const tx = Math.round((BAR_X + BAR_W * clamp01(target)) * 10) / 10;
    parts.push(
      `<line class="target" x1="${tx}" y1="${barY - 4}" x2="${tx}" y2="${barY + BAR_H + 4}" stroke="${COLORS.target}" stroke-width="3"/>`,
    );
  }
  return `<g>\n${parts.join('\n')}\n</g>`;
}

export function progressChartSvg(input: ChartInput): string {
  const height = chartHeight(input.rows.length);
  const body: string[] = [
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(MARGIN, 48, clipText(input.title, WIDTH - 2 * MARGIN, 24), { size: 24, bold: true }),
    text(MARGIN, 78, clipText(input.subtitle, WIDTH - 2 * MARGIN, 16), { size: 16, fill: COLORS.muted }),
    legend(input.rows, 114),
    `<line x1="${MARGIN}" y1="${HEADER - 16}" x2="${WIDTH - MARGIN}" y2="${HEADER - 16}" stroke="#e0e0e0"/>`,
  ];
  if (input.rows.length === 0) {
    body.push(text(MARGIN, HEADER + 30, NO_DATA_TEXT, { size: 16, fill: COLORS.muted }));
  }
  input.rows.forEach((r, i) => {
    body.push(row(r, HEADER + i * ROW_HEIGHT));
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${escapeXml(FONT_FAMILY)}">`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** DejaVu Sans from its files when they are all there; otherwise whatever fonts the system has, rather than fail. */
export function fontOptions(files: readonly string[] = FONT_FILES): NonNullable<ResvgRenderOptions['font']> {
  return files.length > 0 && files.every((f) => existsSync(f))
    ? { fontFiles: [...files], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' }
    : { loadSystemFonts: true };
}

/** The chart as a PNG. `fontFiles` is for tests; the default is DejaVu Sans as Debian installs it. */
export function renderProgressChart(
  input: ChartInput,
  options: { fontFiles?: readonly string[] } = {},
): Buffer {
  const resvg = new Resvg(progressChartSvg(input), {
    font: fontOptions(options.fontFiles),
    background: '#ffffff',
    fitTo: { mode: 'original' },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
