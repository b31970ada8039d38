import type { Db } from '../db/client.js';
import { membershipsOf } from '../db/repositories/members.js';
import { lineageIds, topUnits } from '../db/repositories/tree.js';
import type { UnitKind } from '../db/schema.js';

/*
 * What a user may see, free of telegraf, so the bot and the web dashboard ask the same question: a leader their
 * unit's subtree, a secretary or an administrator member their own unit's subtree, an administrator named in
 * ADMIN_IDS every tree (docs/architecture.md, "Dashboard"). Checked on every question, every button and every
 * request, since callback data and URLs can be old or forged.
 */

const KIND_RANK: Record<UnitKind, number> = { tinh: 0, huyen: 1, xa: 2, co_so: 3, chi_bo: 4 };

export interface ViewScope {
  /** Units whose subtrees the user may see, the preferred one first. */
  roots: { id: number; name: string }[];
  /** ADMIN_IDS: every tree, and the whole of them at once. */
  everything: boolean;
}

/** The units a user may view on `today` (ISO day). */
export function viewScopeOf(
  db: Db,
  userId: number | undefined,
  adminIds: readonly number[],
  today: string,
): ViewScope {
  if (!userId) return { roots: [], everything: false };
  if (adminIds.includes(userId)) {
    return { roots: topUnits(db, today).map((u) => ({ id: u.id, name: u.name })), everything: true };
  }
  const roleRank = { lanh_dao: 0, quan_tri: 1, bi_thu: 2 } as const;
  const seen = new Set<number>();
  const roots = membershipsOf(db, userId, today)
    .sort(
      (a, b) =>
        roleRank[a.role] - roleRank[b.role] ||
        KIND_RANK[a.unitKind as UnitKind] - KIND_RANK[b.unitKind as UnitKind],
    )
    .filter((m) => !seen.has(m.unitId) && seen.add(m.unitId))
    .map((m) => ({ id: m.unitId, name: m.unitName }));
  return { roots, everything: false };
}

/**
 * Whether the unit is in the scope; 0 stands for "every tree" and needs ADMIN_IDS. A closed unit is also in the
 * scope of whoever sees the unit it merged into (tree.ts lineageIds).
 */
export function scopeIncludes(db: Db, scope: ViewScope, unitId: number): boolean {
  if (scope.everything) return true;
  const roots = scope.roots.map((r) => r.id);
  return lineageIds(db, unitId).some((id) => roots.includes(id));
}

/** Units whose subtrees the user administers: as a leader or quản trị there (ADMIN_IDS: everything). */
export function adminScopeOf(
  db: Db,
  userId: number | undefined,
  adminIds: readonly number[],
  today: string,
): ViewScope {
  if (!userId) return { roots: [], everything: false };
  if (adminIds.includes(userId)) return viewScopeOf(db, userId, adminIds, today);
  const seen = new Set<number>();
  const roots = membershipsOf(db, userId, today)
    .filter(
      (m) => (m.role === 'lanh_dao' || m.role === 'quan_tri') && !seen.has(m.unitId) && seen.add(m.unitId),
    )
    .map((m) => ({ id: m.unitId, name: m.unitName }));
  return { roots, everything: false };
}
