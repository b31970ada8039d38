/* `export [--period 2017-2022] [--out FILE.xlsx] [--unit CODE]`: the workbook /xuat sends, to a file. */
import { topUnitIdsValidIn } from '../db/repositories/export-rows.js';
import { getUnitByCode } from '../db/repositories/units.js';
import { parseProgressArgs, spanDates, type YearSpan } from '../domain/period.js';
import { isoDateIn } from '../domain/vn.js';
import { fileName } from '../export/labels.js';
import { buildReportWorkbook } from '../export/workbook.js';
import { type CliContext, CliError } from './context.js';
import { isXlsx, writeWorkbook } from './import-xlsx.js';
import { msg } from './messages.js';

interface ExportArgs {
  span: YearSpan;
  out: string;
  unitCode: string | null;
}

function parseArgs(args: readonly string[], thisYear: number): ExportArgs {
  const opts = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const [name = '', value] = [args[i], args[i + 1]];
    if (!['--period', '--out', '--unit'].includes(name) || value === undefined || opts.has(name))
      throw new CliError(msg.notUnderstood([name, value].filter(Boolean).join(' ')), 2);
    opts.set(name, value);
  }
  const period = parseProgressArgs(opts.get('--period') ?? '', thisYear);
  if (!period.ok || period.value.unitCode)
    throw new CliError(period.ok ? msg.exportUnitFlag : period.error, 2);
  const span = period.value.span ?? { from: thisYear, to: thisYear };
  const out = opts.get('--out') ?? fileName(span.from, span.to);
  if (!isXlsx(out)) throw new CliError(msg.templateNotXlsx(out), 2);
  return { span, out, unitCode: opts.get('--unit') ?? null };
}

export async function runExport(ctx: CliContext, args: readonly string[]): Promise<number> {
  const thisYear = Number(isoDateIn(ctx.now, ctx.timeZone).slice(0, 4));
  const { span, out, unitCode } = parseArgs(args, thisYear);
  const { from, to } = spanDates(span);
  let rootIds: number[];
  if (unitCode) {
    const unit = getUnitByCode(ctx.db, unitCode);
    if (!unit) throw new CliError(msg.unknownUnit(unitCode));
    rootIds = [unit.id];
  } else rootIds = topUnitIdsValidIn(ctx.db, from, to);
  await writeWorkbook(
    out,
    await buildReportWorkbook(ctx.db, { rootIds, span, today: isoDateIn(ctx.now, ctx.timeZone) }),
  );
  ctx.out(msg.exported(out));
  return 0;
}
