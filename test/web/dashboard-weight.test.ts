import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/bot-process.js';

/*
 * The dashboard page as built (scripts/build.mjs; vitest's globalSetup builds dist/ when stale): its own script and
 * styles under 150 KB gzipped, uPlot inside them, nothing asked of another site (BENCHMARKS.md, "Dashboard page
 * weight"; docs/dashboard-api.md).
 */

const built = (name: string) => readFileSync(join(REPO_ROOT, 'dist/public', name));

describe('the dashboard page as built', () => {
  it('weighs under 150 KB gzipped, script and styles', () => {
    const gzipped = ['dashboard.js', 'base.css', 'dashboard.css', 'dashboard.html'].map(
      (f) => gzipSync(built(f), { level: 9 }).length,
    );
    expect(gzipped.reduce((a, b) => a + b, 0)).toBeLessThan(150 * 1024);
  });

  it('bundles uPlot and its styles, and loads nothing from elsewhere', () => {
    const html = built('dashboard.html').toString();
    const css = built('dashboard.css').toString();
    expect(html).toContain('<script src="/dashboard.js" defer></script>');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(css).toContain('.uplot');
    expect(css).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//);
    expect(built('dashboard.js').toString()).toContain('u-legend');
  });
});
