import path from 'node:path';
import type { CliContext } from '../../src/cli/context.js';
import { HISTORY_DIR, SAMPLES_DIR } from '../../src/cli/demo.js';
import { runImport } from '../../src/cli/import.js';
import { runReportImport } from '../../src/cli/import-reports.js';
import { REPORT_IMPORT_KINDS } from '../../src/imports/report-specs.js';

/*
 * Chợ Mới's five years of Đề án 07-ĐA/TU as `demo` loads them (data-samples/, scripts/cho-moi-history.ts), through
 * the same imports an office uses: 486 conferences for 39.283 attendances (hơn 39.000), 14/14 communes with
 * loudspeakers, 2 district and 14 commune bridge points, 04 collectives and 07 individuals commended on 22/09/2022,
 * and the seven targets as the article states them.
 */
export async function loadChoMoi(ctx: CliContext): Promise<void> {
  for (const [kind, file] of [
    ['units', 'units.csv'],
    ['figures', 'figures.csv'],
    ['documents', 'documents.csv'],
  ] as const) {
    if (runImport(ctx, kind, path.join(SAMPLES_DIR, file)) !== 0) throw new Error(`import ${file}`);
  }
  for (const kind of REPORT_IMPORT_KINDS) {
    const file = path.join(SAMPLES_DIR, HISTORY_DIR, `${kind}.csv`);
    if ((await runReportImport(ctx, kind, file)) !== 0) throw new Error(`import ${kind}`);
  }
}
