import { describe, expect, it } from 'vitest';
import {
  type ChartInput,
  type ChartRow,
  COLORS,
  chartHeight,
  escapeXml,
  FONT_FILES,
  fontOptions,
  progressChartSvg,
  renderProgressChart,
} from '../../src/render/progress-chart.js';

const row = (over: Partial<ChartRow>): ChartRow => ({
  label: 'Đảng viên học tập',
  ratio: 0.5,
  target: 0.9,
  met: false,
  fraction: '1/2',
  ...over,
});

const input: ChartInput = {
  title: 'Tiến độ Đề án 07-ĐA/TU — Tỉnh ủy Thái Nguyên',
  subtitle: 'Năm 2026 (01/01/2026–31/12/2026)',
  rows: [
    row({
      label: 'Học tập trực tuyến đến xã',
      ratio: 0.9755,
      target: 0.9,
      met: true,
      fraction: '1.234/1.265',
    }),
    row({ label: 'Đảng viên học tập', ratio: 0.8123, target: 0.95, met: false, fraction: '81.230/100.000' }),
    row({ label: 'Nhân dân biết nghị quyết', ratio: null, target: 0.7, met: null, fraction: '0/0' }),
    row({ label: 'Báo cáo viên được tập huấn', ratio: 1.12, target: 1, met: true, fraction: '112/100' }),
    row({ label: 'Bí thư, người đứng đầu có KH cá nhân', ratio: 0.6, target: null, met: null }),
  ],
};

/** The `<g>` of each row, in order. */
const groups = (svg: string) => [...svg.matchAll(/<g>([\s\S]*?)<\/g>/g)].map((m) => m[1] ?? '');
const attr = (el: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(el)?.[1];
const bar = (g: string) => /<rect class="bar"[^>]*>/.exec(g)?.[0];
const track = (g: string) => /<rect [^>]*>/.exec(g)?.[0] ?? '';

describe('progressChartSvg', () => {
  const svg = progressChartSvg(input);

  it('has the title, subtitle, labels, percentages, fractions and targets, Vietnamese style', () => {
    for (const s of [
      'Tiến độ Đề án 07-ĐA/TU — Tỉnh ủy Thái Nguyên',
      'Năm 2026 (01/01/2026–31/12/2026)',
      'Học tập trực tuyến đến xã',
      'Bí thư, người đứng đầu có KH cá nhân',
      '97,5%',
      '81,2%',
      '1.234/1.265 · mục tiêu 90%',
      '81.230/100.000 · mục tiêu 95%',
    ]) {
      expect(svg).toContain(s);
    }
  });

  it('escapes XML special characters in every text', () => {
    const nasty = progressChartSvg({
      title: 'A & B <x>',
      subtitle: '"trích" \'dẫn\'',
      rows: [row({ label: 'Tổ <1> & "2"', fraction: '1<2&3' })],
    });
    expect(nasty).toContain('A &amp; B &lt;x&gt;');
    expect(nasty).toContain('&quot;trích&quot; &apos;dẫn&apos;');
    expect(nasty).toContain('Tổ &lt;1&gt; &amp; &quot;2&quot;');
    expect(nasty).toContain('1&lt;2&amp;3');
    expect(nasty).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('says what is not yet due in an empty bar instead of "chưa có dữ liệu"', () => {
    const pending = progressChartSvg({
      ...input,
      rows: [
        row({
          label: 'TCCSĐ có kế hoạch kịp thời',
          ratio: null,
          target: 1,
          met: null,
          fraction: '',
          empty: '1 chưa đến hạn',
        }),
      ],
    });
    const g = groups(pending)[0] ?? '';
    expect(g).toContain('1 chưa đến hạn');
    expect(g).not.toContain('chưa có dữ liệu');
    expect(bar(g)).toBeUndefined();
  });

  it('says "chưa có dữ liệu" for a row without data, with no bar and never NaN', () => {
    const g = groups(svg)[2] ?? '';
    expect(g).toContain('Nhân dân biết nghị quyết');
    expect(g).toContain('chưa có dữ liệu');
    expect(bar(g)).toBeUndefined();
    expect(g).not.toMatch(/>[\d,]+%<\/text>/); // no percentage of its own, only "mục tiêu 70%"
    expect(g).not.toContain('0,0%');
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
    expect(svg).not.toContain('undefined');
  });

  it('treats a non-finite ratio as no data', () => {
    const s = progressChartSvg({ title: 't', subtitle: 's', rows: [row({ ratio: Number.NaN, met: null })] });
    expect(s).toContain('chưa có dữ liệu');
    expect(s).not.toContain('NaN');
  });

  it('clamps a bar over 100% to the track but prints the real percentage', () => {
    const g = groups(svg)[3] ?? '';
    expect(attr(bar(g) ?? '', 'width')).toBe(attr(track(g), 'width'));
    expect(g).toContain('112,0%');
    const half = groups(svg)[1] ?? '';
    expect(Number(attr(bar(half) ?? '', 'width'))).toBeCloseTo(
      0.8123 * Number(attr(track(half), 'width')),
      0,
    );
  });

  it('draws a target marker where the target is, and none without a target', () => {
    const gs = groups(svg);
    const marker = (g: string) => /<line class="target"[^>]*>/.exec(g)?.[0];
    const x0 = Number(attr(track(gs[0] ?? ''), 'x'));
    const w = Number(attr(track(gs[0] ?? ''), 'width'));
    expect(Number(attr(marker(gs[0] ?? '') ?? '', 'x1'))).toBeCloseTo(x0 + 0.9 * w, 0);
    expect(marker(gs[2] ?? '')).toBeDefined(); // no data, but the target is still shown
    expect(marker(gs[4] ?? '')).toBeUndefined();
    expect(gs[4]).not.toContain('mục tiêu');
  });

  it('colours rows by met, not met and no data', () => {
    const fills = groups(svg).map((g) => attr(bar(g) ?? '', 'fill'));
    expect(fills).toEqual([COLORS.met, COLORS.notMet, undefined, COLORS.met, COLORS.noTarget]);
    expect(groups(svg)[2]).toContain(COLORS.noData);
  });

  it('grows with the rows', () => {
    expect(attr(svg, 'height')).toBe(String(chartHeight(5)));
    expect(chartHeight(7)).toBeGreaterThan(chartHeight(5));
    const empty = progressChartSvg({ title: 't', subtitle: 's', rows: [] });
    expect(empty).toContain('chưa có dữ liệu');
  });
});

/** Width and height from the IHDR chunk, after checking the PNG signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderProgressChart', () => {
  it('renders a PNG of the chart size', () => {
    const png = renderProgressChart(input);
    expect(pngSize(png)).toEqual({ width: 1000, height: chartHeight(input.rows.length) });
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('uses the DejaVu Sans files, and the system fonts when they are missing', () => {
    expect(fontOptions(['/nonexistent/DejaVuSans.ttf'])).toEqual({ loadSystemFonts: true });
    const png = renderProgressChart(input, { fontFiles: ['/nonexistent/DejaVuSans.ttf'] });
    expect(pngSize(png).width).toBe(1000);
    // .ci/run installs fonts-dejavu-core; without it the chart would still render, in another font.
    expect(fontOptions(), 'DejaVu Sans missing: apt-get install fonts-dejavu-core').toEqual({
      fontFiles: [...FONT_FILES],
      loadSystemFonts: false,
      defaultFontFamily: 'DejaVu Sans',
    });
  });
});
