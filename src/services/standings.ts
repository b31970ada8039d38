/*
 * The figures /tiendo shows and the web dashboard tables (docs/architecture.md, "Dashboard"): one scope, one span
 * of whole years, read by progress() with the deadline rules and "today" (so what is not yet due is pending,
 * docs/domain.md "Rules that keep the figures fair"), and the rows of "Theo đơn vị": the unit's own level when it
 * has figures, then each child valid in the span. Both callers use these, so their numbers agree.
 */

import type { Db } from '../db/client.js';
import { progressRules } from '../db/repositories/deadline-settings.js';
import { type Progress, progress } from '../db/repositories/progress.js';
import { childrenValidIn, getUnit } from '../db/repositories/units.js';
import { emptyRaw, hasAnyFigure, type RawIndicators } from '../domain/indicators.js';
import { spanDates, type YearSpan } from '../domain/period.js';

/** `alsoYears`: whole years whose totals are wanted too (the dashboard's trend), over the same scope. */
export function progressOf(
  db: Db,
  rootIds: number[],
  span: YearSpan,
  today: string,
  alsoYears?: readonly number[],
): Progress {
  return progress(db, {
    rootIds,
    ...spanDates(span),
    ...progressRules(db, today),
    ...(alsoYears ? { alsoYears } : {}),
  });
}

export interface StandingRow {
  unitId: number;
  name: string;
  kind: string | null;
  /** The unit's own level ("riêng cấp này"), apart from its children. */
  own: boolean;
  raw: RawIndicators;
}

/**
 * The rows of "Theo đơn vị" for one unit (its own level first, when it has any figure, then its children valid in
 * the span, by name), or, for unitId 0 (ADMIN_IDS' every tree), one row per root. `p` is progressOf(rootIds) for
 * the same unit and span.
 */
export function standingRows(
  db: Db,
  p: Progress,
  unitId: number,
  span: YearSpan,
  roots: readonly { id: number; name: string }[] = [],
): StandingRow[] {
  const { from, to } = spanDates(span);
  const children =
    unitId === 0
      ? roots.map((r) => ({ id: r.id, name: r.name, kind: getUnit(db, r.id)?.kind ?? null }))
      : childrenValidIn(db, unitId, from, to).map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
  const rows = children.map((c) => ({
    unitId: c.id,
    name: c.name,
    kind: c.kind,
    own: false,
    raw: p.buckets.get(c.id) ?? emptyRaw(),
  }));
  // The unit's own level (its committees' programmes, its own conferences), as /xuat has it: the rows add up.
  const own = unitId === 0 ? undefined : p.buckets.get(unitId);
  if (!own || !hasAnyFigure(own)) return rows;
  const unit = getUnit(db, unitId);
  return [{ unitId, name: unit?.name ?? '?', kind: unit?.kind ?? null, own: true, raw: own }, ...rows];
}
