/*
 * `summary --period 2017-2022 --unit MÃ --out TỆP.docx [--place TÊN] [--signer-position "Phó Bí thư"]
 * [--signer-name "Họ tên"]`: the same report as the bot's /tongket; who signs is given here (by default
 * BÍ THƯ, the name left to be written by hand).
 */
import fs from 'node:fs';
import { getUnitByCode } from '../db/repositories/units.js';
import { parseSignerPosition } from '../domain/letterhead.js';
import { parseProgressArgs } from '../domain/period.js';
import { isoDateIn } from '../domain/vn.js';
import { renderSummaryDocx } from '../render/summary-docx.js';
import { summaryReport } from '../services/summary.js';
import { type CliContext, CliError } from './context.js';
import { msg } from './messages.js';

const FLAGS = ['--period', '--unit', '--out', '--place', '--signer-position', '--signer-name'] as const;
type Flag = (typeof FLAGS)[number];

function flags(args: readonly string[]): Partial<Record<Flag, string>> {
  const out: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i] ?? '', args[i + 1]];
    if (!(FLAGS as readonly string[]).includes(name) || value === undefined || value.startsWith('--')) {
      throw new CliError(msg.summaryArgs, 2);
    }
    out[name as Flag] = value;
  }
  return out;
}

export async function runSummary(ctx: CliContext, args: readonly string[]): Promise<number> {
  const f = flags(args);
  if (!f['--unit']) throw new CliError(msg.summaryArgs, 2);
  const today = isoDateIn(ctx.now, ctx.timeZone);
  const thisYear = Number(today.slice(0, 4));
  const period = parseProgressArgs(f['--period'] ?? String(thisYear), thisYear, 'tongket');
  if (!period.ok || !period.value.span || period.value.unitCode) {
    throw new CliError(period.ok ? msg.summaryArgs : period.error, 2);
  }
  const position = f['--signer-position'] ? parseSignerPosition(f['--signer-position']) : null;
  if (position && !position.ok) throw new CliError(position.error, 2);
  const unit = getUnitByCode(ctx.db, f['--unit']);
  if (!unit) throw new CliError(msg.unknownUnit(f['--unit'].toUpperCase()));
  const report = summaryReport(ctx.db, {
    rootIds: [unit.id],
    span: period.value.span,
    today,
    place: f['--place'],
    signer: { position: position?.value, name: f['--signer-name'] },
  });
  const file = f['--out'] ?? report.filename;
  const docx = await renderSummaryDocx(report.document);
  try {
    fs.writeFileSync(file, docx);
  } catch (e) {
    throw new CliError(msg.summaryUnwritable(file, (e as Error).message));
  }
  ctx.out(report.message);
  ctx.out('');
  ctx.out(msg.summaryWritten(file));
  return 0;
}
