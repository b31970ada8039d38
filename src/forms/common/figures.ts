import type { FiguresRow } from '../../domain/import-tables.js';
import type { Values } from '../types.js';
import type { DocumentsContext } from './documents.js';
import { type UnitsContext, unitOf } from './units.js';

/** A unit's dated figures as the forms see them: an imported figures line without its unit code. */
export type Figures = Omit<FiguresRow, 'unitCode'>;

/** The world every report form but the conference sees. */
export interface ReportContext extends UnitsContext, DocumentsContext {
  /** The unit's latest figures dated on or before the day (ISO), or null. */
  figuresOn(unitId: number, onOrBefore: string): Figures | null;
}

/** The chosen unit's figures in force on `day`, when both are known. */
export function figuresAt(v: Values, c: ReportContext, day: string | null): Figures | null {
  const u = unitOf(v, c);
  return u && day ? c.figuresOn(u.id, day) : null;
}

/** Upper bounds of counts: generous, only to catch a slip of the keyboard. */
export const MAX = {
  members: 100_000,
  reporters: 10_000,
  people: 10_000_000,
  bridgePoints: 10_000,
  commended: 10_000,
} as const;
