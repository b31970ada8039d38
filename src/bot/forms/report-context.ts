import { documentsByNumber, getDocuments, recentDocuments } from '../../db/repositories/documents.js';
import { latestFigures } from '../../db/repositories/figures.js';
import { type Membership, membershipsOf, reportingUnits } from '../../db/repositories/members.js';
import { predecessorsOf } from '../../db/repositories/tree.js';
import { getUnit } from '../../db/repositories/units.js';
import { appliesTo, type ReportKind } from '../../domain/report-kinds.js';
import { foldVietnamese } from '../../domain/vn.js';
import type { ReportContext } from '../../forms/common/figures.js';
import type { UnitChoice } from '../../forms/common/units.js';
import type { Values } from '../../forms/types.js';
import { type BotContext, todayOf } from '../context.js';
import { mayAdminister } from '../scope.js';

/**
 * An administrator filing for a unit they administer (e.g. its figures from /donvi): that unit alone,
 * re-checked at every step, so a right taken away mid-form leaves nothing to save.
 */
function administeredUnit(ctx: BotContext, unitId: number, kind: ReportKind, today: string) {
  const u = getUnit(ctx.deps.db, unitId);
  const valid = u && u.validFrom <= today && (u.validTo === null || u.validTo >= today);
  if (!u || !valid || !appliesTo(kind, u.kind) || !mayAdminister(ctx, u.id)) return [];
  return [{ id: u.id, name: u.name, kind: u.kind, validFrom: u.validFrom, validTo: u.validTo }];
}

/** How many documents the forms offer as buttons; older ones are typed by number. */
const DOCUMENT_BUTTONS = 8;

/**
 * The newest documents, read once per update: one update may build the context of every report kind (the
 * kind picker) and again for the form step, and no form step adds documents.
 */
const documentsOfUpdate = new WeakMap<BotContext, ReportContext['recentDocuments']>();
function newestDocuments(ctx: BotContext): ReportContext['recentDocuments'] {
  let docs = documentsOfUpdate.get(ctx);
  if (!docs) {
    docs = recentDocuments(ctx.deps.db, DOCUMENT_BUTTONS);
    documentsOfUpdate.set(ctx, docs);
  }
  return docs;
}

/**
 * The units the user reports for, read once per update: /baocao's kind picker builds the context of every
 * report kind (eight), a form step one; no form step changes who reports for what.
 */
const reportersOfUpdate = new WeakMap<BotContext, { userId: number; units: Membership[] }>();
function reportingUnitsOf(ctx: BotContext, userId: number, today: string): Membership[] {
  const hit = reportersOfUpdate.get(ctx);
  if (hit?.userId === userId) return hit.units;
  const units = reportingUnits(ctx.deps.db, userId, today);
  reportersOfUpdate.set(ctx, { userId, units });
  return units;
}

/**
 * The closed units that merged into one of the user's (any role there): `/baocao`'s "Đơn vị cũ" files for them
 * (docs/domain.md, "The unit tree").
 */
export function formerUnits(ctx: BotContext, userId: number): UnitChoice[] {
  const mine = membershipsOf(ctx.deps.db, userId, todayOf(ctx.deps)).map((m) => m.unitId);
  return predecessorsOf(ctx.deps.db, [...new Set(mine)]).map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    validFrom: u.validFrom,
    validTo: u.validTo,
  }));
}

const ofKind = (kind: ReportKind) => (u: UnitChoice) => u.kind !== undefined && appliesTo(kind, u.kind);

/**
 * The world a report form sees: the user's units to which this kind of report applies (with `meta.former`,
 * the closed units merged into theirs instead), documents, figures.
 */
export function reportContext(
  ctx: BotContext,
  userId: number,
  kind: ReportKind,
  meta: Values = {},
): ReportContext {
  const { db } = ctx.deps;
  const today = todayOf(ctx.deps);
  return {
    today,
    units:
      typeof meta.adminUnitId === 'number'
        ? administeredUnit(ctx, meta.adminUnitId, kind, today)
        : meta.former === true
          ? formerUnits(ctx, userId).filter(ofKind(kind))
          : reportingUnitsOf(ctx, userId, today)
              .filter((m) => appliesTo(kind, m.unitKind))
              .map((m) => ({
                id: m.unitId,
                name: m.unitName,
                kind: m.unitKind,
                validFrom: m.validFrom,
                validTo: m.validTo,
              })),
    recentDocuments: newestDocuments(ctx),
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
