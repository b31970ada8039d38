/* The three import kinds: a table spec for the CSV engine, and how its rows meet the saved data. */
import type { Db } from '../db/client.js';
import { CLI_ACTOR } from '../db/repositories/audit.js';
import { importHolidays } from '../db/repositories/deadline-settings.js';
import { upsertDocuments } from '../db/repositories/documents.js';
import { upsertFigures } from '../db/repositories/figures.js';
import { getUnitByCode, savedUnitTree, upsertUnits } from '../db/repositories/units.js';
import type { UpsertCounts } from '../db/repositories/upsert.js';
import type { ImportError, Line, Table } from '../domain/csv-import.js';
import {
  type DocumentRow,
  documentsTable,
  type FiguresRow,
  figuresTable,
  type HolidayRow,
  holidaysTable,
  type UnitRow,
  unitsTable,
} from '../domain/import-tables.js';
import { validateUnitTree } from '../domain/unit-tree.js';
import { msg } from './messages.js';

export type Prepared = { ok: false; errors: ImportError[] } | { ok: true; save: (now: Date) => UpsertCounts };

export interface Importer<R> {
  table: Table<R>;
  /** What a row is, for "đã nhập 22 đơn vị". */
  noun: string;
  /** Checks the rows against what is saved; saving is a separate step so a bad file writes nothing. */
  prepare: (db: Db, rows: Line<R>[]) => Prepared;
}

const units: Importer<UnitRow> = {
  table: unitsTable,
  noun: 'đơn vị',
  prepare: (db, rows) => {
    const errors = validateUnitTree(rows, savedUnitTree(db));
    if (errors.length > 0) return { ok: false, errors };
    return {
      ok: true,
      save: (now) =>
        upsertUnits(
          db,
          rows.map((r) => r.row),
          CLI_ACTOR,
          now,
        ),
    };
  },
};

const figures: Importer<FiguresRow> = {
  table: figuresTable,
  noun: 'dòng số liệu',
  prepare: (db, rows) => {
    const errors: ImportError[] = [];
    const inputs = rows.flatMap(({ line, row: { unitCode, ...values } }) => {
      const unit = getUnitByCode(db, unitCode);
      if (unit) return [{ unitId: unit.id, ...values }];
      errors.push({ line, column: 'ma', message: msg.unitNotSaved(unitCode) });
      return [];
    });
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, save: (now) => upsertFigures(db, inputs, CLI_ACTOR, now) };
  },
};

const documents: Importer<DocumentRow> = {
  table: documentsTable,
  noun: 'văn bản',
  prepare: (db, rows) => {
    const inputs = rows.map(({ row }) => ({
      code: row.code.code,
      number: row.code.number,
      type: row.code.type,
      issuedOn: row.issuedOn,
      issuer: row.issuer,
      summary: row.summary,
    }));
    return { ok: true, save: (now) => upsertDocuments(db, inputs, CLI_ACTOR, now) };
  },
};

/** A year's list replaces what was kept for that year. */
const holidays: Importer<HolidayRow> = {
  table: holidaysTable,
  noun: 'ngày nghỉ lễ',
  prepare: (db, rows) => ({
    ok: true,
    save: (now) => ({
      created: importHolidays(
        db,
        rows.map((r) => r.row),
        CLI_ACTOR,
        now,
      ),
      updated: 0,
      unchanged: 0,
    }),
  }),
};

export const IMPORTERS = { units, figures, documents, holidays } as const;
export type ImportKind = keyof typeof IMPORTERS;

export function isImportKind(k: string): k is ImportKind {
  return Object.hasOwn(IMPORTERS, k);
}
