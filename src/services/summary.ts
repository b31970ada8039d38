/* The summary report (/tongket, `cli summary`): the figures of a scope and a period, in words and as a document. */

import type { Db } from '../db/client.js';
import { deadlineRules } from '../db/repositories/deadline-settings.js';
import { programmeForYear, programmeTargetsOf } from '../db/repositories/programmes.js';
import { progress } from '../db/repositories/progress.js';
import { getUnit } from '../db/repositories/units.js';
import { evaluate } from '../domain/indicators.js';
import { dateLine, letterhead, placeOf } from '../domain/letterhead.js';
import { spanDates, type YearSpan } from '../domain/period.js';
import { summaryMessage, summaryText } from '../domain/summary-text.js';
import type { SummaryDocument } from '../render/summary-docx.js';

export interface SummaryRequest {
  /** One unit and its subtree; several (an administrator's "every tree") are summed under `name`. */
  rootIds: number[];
  /** The name to write when there are several roots. */
  name?: string;
  span: YearSpan;
  /** ISO date of the report. */
  today: string;
  /** The place on the date line; by default from the unit's name. */
  place?: string;
}

export interface SummaryReport {
  message: string;
  document: SummaryDocument;
  filename: string;
}

export function summaryReport(db: Db, q: SummaryRequest): SummaryReport {
  const unit = q.rootIds.length === 1 ? getUnit(db, q.rootIds[0] ?? 0) : null;
  const parent = unit?.parentId ? getUnit(db, unit.parentId) : null;
  const name = unit?.name ?? q.name ?? '';
  const programme = programmeForYear(db, q.span.to);
  const targets = programme ? programmeTargetsOf(db, programme.id) : {};
  const p = progress(db, {
    rootIds: q.rootIds,
    ...spanDates(q.span),
    actionPlanDays: deadlineRules(db).actionPlanDays,
  });
  const results = evaluate(p.total, targets);
  const text = summaryText({
    programmeCode: programme?.code ?? null,
    unitName: name,
    span: q.span,
    results,
    counters: p.counters,
  });
  const recipients = [
    ...(parent ? [`${parent.name} (để báo cáo)`] : []),
    ...(unit?.kind === 'chi_bo' ? [] : ['Các tổ chức đảng trực thuộc']),
    'Lưu Văn phòng cấp ủy',
  ];
  const years = q.span.from === q.span.to ? `${q.span.from}` : `${q.span.from}-${q.span.to}`;
  return {
    message: summaryMessage(text, name),
    document: {
      letterhead: letterhead({ name, kind: unit?.kind ?? 'tinh' }, parent?.name ?? null),
      dateLine: dateLine(q.place?.trim() || placeOf(name), q.today),
      text,
      results,
      recipients,
    },
    filename: `tong-ket-${years}.docx`,
  };
}
