/* The summary report (/tongket, `cli summary`): the figures of a scope and a period, in words and as a document. */

import type { Db } from '../db/client.js';
import { progressRules } from '../db/repositories/deadline-settings.js';
import { programmeForYear, programmeTargetsOf } from '../db/repositories/programmes.js';
import { progress } from '../db/repositories/progress.js';
import { getUnit } from '../db/repositories/units.js';
import type { Unit } from '../db/schema.js';
import { evaluate } from '../domain/indicators.js';
import { dateLine, letterhead, placeOf, wholeOf } from '../domain/letterhead.js';
import { spanDates, type YearSpan } from '../domain/period.js';
import { summaryMessage, summaryText } from '../domain/summary-text.js';
import type { Signer, SummaryDocument } from '../render/summary-docx.js';

export interface SummaryRequest {
  /** One unit and its subtree; several (an administrator's "every tree") are summed under `name`. */
  rootIds: number[];
  /** The name to write when there are several roots. */
  name?: string;
  span: YearSpan;
  /** ISO date of the report. */
  today: string;
  /** The place on the date line; by default the unit's locality. */
  place?: string;
  /** Who signs; by default the secretary (BÍ THƯ), the name left to be written by hand. */
  signer?: Partial<Signer>;
}

export interface SummaryReport {
  message: string;
  document: SummaryDocument;
  filename: string;
}

const LOCALITIES = new Set(['tinh', 'huyen', 'xa']);

/**
 * The place on the date line is a locality, not an organisation (36-HD/VPTW): a tỉnh, huyện or xã by its own
 * name; a chi bộ or another grassroots organisation (co_so) by the nearest locality above it.
 */
function placeFor(db: Db, unit: Unit): string {
  for (let u: Unit | null = unit; u; u = u.parentId ? getUnit(db, u.parentId) : null) {
    if (LOCALITIES.has(u.kind)) return placeOf(u.name);
  }
  return placeOf(unit.name);
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

export function summaryReport(db: Db, q: SummaryRequest): SummaryReport {
  const unit = q.rootIds.length === 1 ? getUnit(db, q.rootIds[0] ?? 0) : null;
  const parent = unit?.parentId ? getUnit(db, unit.parentId) : null;
  const name = unit?.name ?? q.name ?? '';
  const programme = programmeForYear(db, q.span.to);
  const targets = programme ? programmeTargetsOf(db, programme.id) : {};
  const p = progress(db, {
    rootIds: q.rootIds,
    ...spanDates(q.span),
    ...progressRules(db, q.today),
  });
  const results = evaluate(p.total, targets);
  const text = summaryText({
    programmeCode: programme?.code ?? null,
    // programmes.period_from holds 1 January of the start year: the rule needs only the year.
    programmeStart: programme ? Number(programme.periodFrom.slice(0, 4)) : null,
    subject: unit ? wholeOf(unit.name) : lowerFirst(name),
    span: q.span,
    results,
    counters: p.counters,
  });
  const head = letterhead({ name, kind: unit?.kind ?? 'tinh' }, parent?.name ?? null);
  const recipients = [
    ...(parent ? [`${parent.name} (để báo cáo)`] : []),
    ...(unit?.kind === 'chi_bo' ? [] : ['Các tổ chức đảng trực thuộc']),
    `Lưu ${head.keptBy}`,
  ];
  const years = q.span.from === q.span.to ? `${q.span.from}` : `${q.span.from}-${q.span.to}`;
  return {
    message: summaryMessage(text, name),
    document: {
      letterhead: head,
      dateLine: dateLine(q.place?.trim() || (unit ? placeFor(db, unit) : placeOf(name)), q.today),
      text,
      results,
      recipients,
      signer: { position: q.signer?.position ?? 'BÍ THƯ', name: q.signer?.name?.trim() ?? '' },
    },
    filename: `tong-ket-${years}.docx`,
  };
}
