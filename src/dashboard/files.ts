/*
 * The dashboard's downloads: the same Excel workbook as /xuat and the same Word summary as /tongket, for one unit
 * the caller has already checked (data.ts resolveQuery). exceljs and docx are loaded on first use, as the bot does.
 */

import type { YearSpan } from '../domain/period.js';
import { fileName } from '../export/labels.js';
import { summaryReport } from '../services/summary.js';
import type { DashboardEnv } from './data.js';

export interface DownloadFile {
  name: string;
  mime: string;
  body: Buffer;
}

export async function exportXlsx(env: DashboardEnv, unitId: number, span: YearSpan): Promise<DownloadFile> {
  const { buildReportWorkbook } = await import('../export/workbook.js');
  const body = await buildReportWorkbook(env.db, { rootIds: [unitId], span, today: env.today });
  return {
    name: fileName(span.from, span.to),
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(body),
  };
}

export async function summaryDocx(env: DashboardEnv, unitId: number, span: YearSpan): Promise<DownloadFile> {
  const report = summaryReport(env.db, { rootIds: [unitId], span, today: env.today });
  const { renderSummaryDocx } = await import('../render/summary-docx.js');
  return {
    name: report.filename,
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    body: Buffer.from(await renderSummaryDocx(report.document)),
  };
}
