/* `demo`: the sample in data-samples/ (units, figures, documents, Chợ Mới's past reports), loaded through the same
   importers, and two invites to try it with. */
import path from 'node:path';
import { createInvite, findOpenInvite } from '../db/repositories/invites.js';
import type { Role } from '../db/schema.js';
import { REPORT_IMPORT_KINDS } from '../imports/report-specs.js';
import { ROOT } from '../root.js';
import type { CliContext } from './context.js';
import { runImport } from './import.js';
import { runReportImport } from './import-reports.js';
import type { ImportKind } from './importers.js';
import { openUnit, printInvite } from './invite.js';
import { msg } from './messages.js';

export const SAMPLES_DIR = path.join(ROOT, 'data-samples');
/** Under SAMPLES_DIR: one CSV file of past reports per kind, named by the kind. */
export const HISTORY_DIR = 'bao-cao';

const FILES: ReadonlyArray<[ImportKind, string]> = [
  ['units', 'units.csv'],
  ['figures', 'figures.csv'],
  ['documents', 'documents.csv'],
];

export const DEMO_INVITES: ReadonlyArray<{ unitCode: string; role: Role }> = [
  { unitCode: 'XA_TANKY_2025', role: 'bi_thu' },
  { unitCode: 'TU_THAINGUYEN_2025', role: 'lanh_dao' },
];

/** Idempotent: a second run updates nothing and reuses the invites nobody has used yet. */
export async function runDemo(ctx: CliContext): Promise<number> {
  ctx.out(msg.demoHeader);
  for (const [kind, file] of FILES) {
    const code = runImport(ctx, kind, path.join(SAMPLES_DIR, file));
    if (code !== 0) return code;
  }
  // Chợ Mới's reports of 2017–2022, the seed article's figures (data-samples/README.md).
  for (const kind of REPORT_IMPORT_KINDS) {
    const code = await runReportImport(ctx, kind, path.join(SAMPLES_DIR, HISTORY_DIR, `${kind}.csv`));
    if (code !== 0) return code;
  }
  ctx.out('');
  for (const { unitCode, role } of DEMO_INVITES) {
    const unit = openUnit(ctx, unitCode);
    const open = findOpenInvite(ctx.db, unit.id, role, ctx.now);
    const invite = open ?? createInvite(ctx.db, { unitId: unit.id, role, createdBy: null, now: ctx.now });
    await printInvite(ctx, invite, unit, open !== null);
  }
  ctx.out('');
  for (const line of msg.demoNext) ctx.out(line);
  return 0;
}
