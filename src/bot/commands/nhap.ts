import { randomBytes } from 'node:crypto';
import { Markup } from 'telegraf';
import type { Document } from 'telegraf/types';
import { describeError, MAX_ERRORS } from '../../domain/csv-import.js';
import { formatNumber } from '../../domain/vn.js';
import { sheetsOfFile } from '../../imports/read.js';
import type { ImportedReports, ReportImportOutcome } from '../../imports/report-import.js';
import { ALL_REPORTS, REPORT_IMPORT_KINDS, REPORT_SPECS } from '../../imports/report-specs.js';
import { importSheets } from '../../imports/run.js';
import { buildReportTemplate } from '../../imports/templates.js';
import { type BotContext, todayOf } from '../context.js';
import { actorOf } from '../forms/report-flow.js';
import { M } from '../messages.js';
import { adminScope, mayView } from '../scope.js';
import { isAdministrator } from './dean.js';

/*
 * /nhap: an administrator sends a file of past reports in the chat (docs/domain.md, "Importing past reports").
 * The bot reads it as `cli import reports` does, checks every row as the chat forms would, says what it would
 * save, and saves only after "Nhập": then it checks again, since the data may have changed meanwhile. Only units
 * in the administrator's scope (and the closed units merged into them) can be filed for.
 */

/** Telegram lets a bot download up to 20 MB; a file of past reports is far smaller (100.000 rows: ~6 MB). */
const MAX_BYTES = 10 * 1024 * 1024;
/** How long a checked file waits for its "Nhập". */
const PENDING_MS = 30 * 60_000;

interface Pending {
  userId: number;
  name: string;
  bytes: Buffer;
  at: number;
}

/** Checked files awaiting their confirmation, by token; a restart forgets them (the file is sent again). */
const pending = new Map<string, Pending>();

export async function onImportCommand(ctx: BotContext): Promise<void> {
  if (!isAdministrator(ctx)) return void (await ctx.reply(M.importing.notAdmin));
  await ctx.reply(M.importing.howTo);
  const template = Buffer.from(await buildReportTemplate(ALL_REPORTS).xlsx.writeBuffer());
  await ctx.replyWithDocument(
    { source: template, filename: 'mau-bao-cao-cu.xlsx' },
    { caption: M.importing.templateCaption },
  );
}

const summaryLines = (imported: ImportedReports) =>
  imported.sheets.map((s) =>
    M.importing.line(
      REPORT_SPECS[s.kind].noun,
      formatNumber(s.rows),
      formatNumber(s.created),
      formatNumber(s.updated),
      formatNumber(s.unchanged),
    ),
  );

/** Checks (or, `check` false, saves) the file for the user pressing or sending it. */
async function run(
  ctx: BotContext,
  name: string,
  bytes: Buffer,
  check: boolean,
): Promise<ReportImportOutcome | string> {
  const read = await sheetsOfFile(name, bytes);
  if (!read.ok) return M.importing.unreadable[read.problem];
  const scope = adminScope(ctx);
  const { deps } = ctx;
  return importSheets(
    deps.db,
    {
      actor: actorOf(ctx),
      today: todayOf(deps),
      now: deps.now(),
      mayFile: (unit) => mayView(ctx, scope, unit.id),
      namedSheets: /\.xlsx$/i.test(name),
    },
    name,
    read.sheets,
    REPORT_IMPORT_KINDS,
    check,
  );
}

function failure(name: string, outcome: { errors: Parameters<typeof describeError>[0][] }): string {
  const { errors } = outcome;
  return M.importing.failed(name, errors.length, errors.map(describeError), errors.length >= MAX_ERRORS);
}

/** A document sent in a private chat: an administrator's file of past reports, checked and offered to save. */
export async function onImportFile(ctx: BotContext, doc: Document): Promise<void> {
  const userId = ctx.from?.id;
  if (!userId || !isAdministrator(ctx)) return void (await ctx.reply(M.importing.notAdmin));
  const name = doc.file_name ?? 'tep';
  if ((doc.file_size ?? 0) > MAX_BYTES)
    return void (await ctx.reply(M.importing.tooBig(formatNumber((doc.file_size ?? 0) / 2 ** 20, 1))));
  if (!/\.(xlsx|csv)$/i.test(name)) return void (await ctx.reply(M.importing.unreadable.unknown_type));
  let bytes: Buffer;
  try {
    const { download } = ctx.deps;
    const file = await ctx.telegram.getFile(doc.file_id);
    if (!download || !file.file_path) throw new Error('no file to download');
    bytes = await download(file.file_path);
  } catch (err) {
    ctx.deps.logger.warn({ err, file: name }, 'import file download failed');
    return void (await ctx.reply(M.importing.downloadFailed));
  }
  const outcome = await run(ctx, name, bytes, true);
  if (typeof outcome === 'string') return void (await ctx.reply(outcome));
  if (!outcome.ok) return void (await ctx.reply(failure(name, outcome)));
  const now = ctx.deps.now().getTime();
  for (const [token, p] of pending) if (now - p.at > PENDING_MS || p.userId === userId) pending.delete(token);
  const token = randomBytes(6).toString('base64url');
  pending.set(token, { userId, name, bytes, at: now });
  await ctx.reply(
    M.importing.checked(name, summaryLines(outcome.imported)),
    Markup.inlineKeyboard([
      Markup.button.callback(M.importing.confirm, `i:${token}:y`),
      Markup.button.callback(M.importing.cancel, `i:${token}:n`),
    ]),
  );
}

/** `i:<token>:y|n`: save the checked file, or drop it. */
export async function onImportButton(ctx: BotContext, token: string, answer: string): Promise<void> {
  const p = pending.get(token);
  const fresh = p && p.userId === ctx.from?.id && ctx.deps.now().getTime() - p.at <= PENDING_MS;
  if (!p || !fresh) return void (await ctx.answerCbQuery(M.importing.stale, { show_alert: true }));
  pending.delete(token);
  await ctx.editMessageReplyMarkup(undefined);
  if (answer !== 'y') return void (await ctx.reply(M.importing.cancelled));
  if (!isAdministrator(ctx)) return void (await ctx.reply(M.importing.notAdmin));
  const outcome = await run(ctx, p.name, p.bytes, false);
  if (typeof outcome === 'string') return void (await ctx.reply(outcome));
  await ctx.reply(
    outcome.ok ? M.importing.imported(p.name, summaryLines(outcome.imported)) : failure(p.name, outcome),
  );
}
