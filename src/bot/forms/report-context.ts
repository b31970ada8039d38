import { documentsByNumber, getDocuments, recentDocuments } from '../../db/repositories/documents.js';
import { latestFigures } from '../../db/repositories/figures.js';
import { reportingUnits } from '../../db/repositories/members.js';
import { appliesTo, type ReportKind } from '../../domain/report-kinds.js';
import { foldVietnamese } from '../../domain/vn.js';
import type { ReportContext } from '../../forms/common/figures.js';
import { type BotContext, todayOf } from '../context.js';

/** How many documents the forms offer as buttons; older ones are typed by number. */
const DOCUMENT_BUTTONS = 8;

/** The world a report form sees: the user's units to which this kind of report applies, documents, figures. */
export function reportContext(ctx: BotContext, userId: number, kind: ReportKind): ReportContext {
  const { db } = ctx.deps;
  const today = todayOf(ctx.deps);
  return {
    today,
    units: reportingUnits(db, userId, today)
      .filter((m) => appliesTo(kind, m.unitKind))
      .map((m) => ({ id: m.unitId, name: m.unitName, validFrom: m.validFrom, validTo: m.validTo })),
    recentDocuments: recentDocuments(db, DOCUMENT_BUTTONS),
    documentsByIds: (ids) => getDocuments(db, ids),
    documentsByNumber: (n) => documentsByNumber(db, n),
    // `35-nq/tw`, `12-qd/tw`: the number finds the candidates, the folded code picks among them.
    documentsByCode: (code) =>
      documentsByNumber(db, Number.parseInt(code, 10)).filter(
        (d) => foldVietnamese(d.code) === foldVietnamese(code),
      ),
    figuresOn: (unitId, day) => latestFigures(db, unitId, day),
  };
}
