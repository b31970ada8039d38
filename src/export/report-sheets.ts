/* One sheet per report kind: one row per report, numbers as numbers, dates as dates. */
import type { Workbook } from 'exceljs';
import type { ExportRows } from '../db/repositories/export-rows.js';
import { excelDate } from '../xlsx/cells.js';
import { addTableSheet, type SheetColumn, type SheetValue } from '../xlsx/sheet.js';
import { BODY_NAMES, FORM_NAMES, L, NO, SHEETS, YES } from './labels.js';

const yesNo = (b: boolean) => (b ? YES : NO);
const UNIT: SheetColumn[] = [{ header: L.unitCode, kind: 'code' }, { header: L.unitName }];

interface Spec<T> {
  columns: SheetColumn[];
  cells: (r: T) => SheetValue[];
}

const SPECS: { [K in keyof ExportRows]: Spec<ExportRows[K][number]> } = {
  conferences: {
    columns: [
      ...UNIT,
      { header: L.date, kind: 'date' },
      { header: L.documents },
      { header: L.form },
      { header: L.bridgePoints, kind: 'count' },
      { header: L.eligible, kind: 'count' },
      { header: L.present, kind: 'count' },
      { header: L.nonMembers, kind: 'count' },
      { header: L.makeUp },
      { header: L.reporter },
      { header: L.note },
    ],
    cells: (r) => [
      r.unitCode,
      r.unitName,
      excelDate(r.heldOn),
      r.documents,
      FORM_NAMES[r.form],
      r.bridgePoints,
      r.eligible,
      r.present,
      r.nonMemberAttendances,
      yesNo(r.makeUp),
      yesNo(r.reporterPresent),
      r.note,
    ],
  },
  actionPlans: {
    columns: [
      ...UNIT,
      { header: L.documents },
      { header: L.documentDate, kind: 'date' },
      { header: L.planIssuedOn, kind: 'date' },
    ],
    cells: (r) => [
      r.unitCode,
      r.unitName,
      r.documentCode,
      excelDate(r.documentIssuedOn),
      excelDate(r.issuedOn),
    ],
  },
  personalPlans: {
    columns: [...UNIT, { header: L.year, kind: 'year' }, { header: L.withPlan, kind: 'count' }],
    cells: (r) => [r.unitCode, r.unitName, r.year, r.withPlan],
  },
  inspections: {
    columns: [
      ...UNIT,
      { header: L.year, kind: 'year' },
      { header: L.body },
      { header: L.approvedOn, kind: 'date' },
    ],
    cells: (r) => [r.unitCode, r.unitName, r.year, BODY_NAMES[r.body], excelDate(r.approvedOn)],
  },
  trainings: {
    columns: [
      ...UNIT,
      { header: L.year, kind: 'year' },
      { header: L.trainedOn, kind: 'date' },
      { header: L.trained, kind: 'count' },
    ],
    cells: (r) => [r.unitCode, r.unitName, r.year, excelDate(r.heldOn), r.trained],
  },
  surveys: {
    columns: [
      ...UNIT,
      { header: L.date, kind: 'date' },
      { header: L.surveyed, kind: 'count' },
      { header: L.aware, kind: 'count' },
      { header: L.awareShare, kind: 'percent' },
    ],
    cells: (r) => [
      r.unitCode,
      r.unitName,
      excelDate(r.heldOn),
      r.surveyed,
      r.aware,
      r.surveyed > 0 ? r.aware / r.surveyed : null,
    ],
  },
  commendations: {
    columns: [
      ...UNIT,
      { header: L.date, kind: 'date' },
      { header: L.collectives, kind: 'count' },
      { header: L.individuals, kind: 'count' },
      { header: L.note },
    ],
    cells: (r) => [r.unitCode, r.unitName, excelDate(r.awardedOn), r.collectives, r.individuals, r.note],
  },
  figures: {
    columns: [
      ...UNIT,
      { header: L.date, kind: 'date' },
      { header: L.partyMembers, kind: 'count' },
      { header: L.exempt, kind: 'count' },
      { header: L.reporters, kind: 'count' },
      { header: L.planRequired, kind: 'count' },
      { header: L.loudspeaker },
      { header: L.bridgePoints, kind: 'count' },
    ],
    cells: (r) => [
      r.unitCode,
      r.unitName,
      excelDate(r.asOf),
      r.partyMembers,
      r.exemptMembers,
      r.reporters,
      r.personalPlanRequired,
      yesNo(r.hasLoudspeaker),
      r.bridgePoints,
    ],
  },
};

export function addReportSheets(wb: Workbook, rows: ExportRows): void {
  for (const key of Object.keys(SPECS) as (keyof ExportRows)[]) {
    const spec = SPECS[key] as Spec<unknown>;
    addTableSheet(wb, SHEETS[key], spec.columns, (rows[key] as unknown[]).map(spec.cells), {
      frozenColumns: 2,
    });
  }
}
