/*
 * The Excel export of /xuat and `cli export`: the indicators by unit (the same numbers as /tiendo), the
 * counters, and every report filed in the scope and period, one sheet per kind.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../db/client.js';
import { progressRules } from '../db/repositories/deadline-settings.js';
import { exportRows } from '../db/repositories/export-rows.js';
import { programmeForYear, programmeTargetsOf } from '../db/repositories/programmes.js';
import { type Progress, progress } from '../db/repositories/progress.js';
import { unitsByIds } from '../db/repositories/tree.js';
import { childrenValidIn } from '../db/repositories/units.js';
import {
  emptyRaw,
  evaluate,
  hasAnyFigure,
  INDICATOR_NAMES,
  INDICATORS,
  type RawIndicators,
} from '../domain/indicators.js';
import { describeSpan, spanDates, type YearSpan } from '../domain/period.js';
import { addTableSheet, type SheetColumn, type SheetValue } from '../xlsx/sheet.js';
import { L, LEVEL_NAMES, SHEETS } from './labels.js';
import { addReportSheets } from './report-sheets.js';

export interface ExportScope {
  /** One unit: the indicators are shown for each of its children. Several: for each of them. */
  rootIds: number[];
  span: YearSpan;
  /** ISO day the export is made: what falls due after it is "chưa đến hạn". */
  today?: string;
}

type Targets = Parameters<typeof evaluate>[1];

export async function buildReportWorkbook(db: Db, scope: ExportScope): Promise<Buffer> {
  const dates = spanDates(scope.span);
  const programme = programmeForYear(db, scope.span.to);
  const targets = programme ? programmeTargetsOf(db, programme.id) : {};
  const p = progress(db, {
    rootIds: scope.rootIds,
    ...dates,
    ...progressRules(db, scope.today),
  });
  const roots = unitsByIds(db, scope.rootIds);
  const scopeName =
    scope.rootIds.length === 1 ? (roots.get(scope.rootIds[0] ?? 0)?.name ?? '') : L.everything;

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bot báo cáo học tập, quán triệt nghị quyết';
  wb.title = `${scopeName} · ${describeSpan(scope.span)}`;
  addIndicatorSheet(wb, indicatorRows(db, scope, p), p.total, targets);
  addCounterSheet(wb, p, [
    [L.scope, scopeName],
    [L.period, describeSpan(scope.span)],
    [L.programme, programme?.code ?? L.noProgramme],
  ]);
  addReportSheets(wb, exportRows(db, { rootIds: scope.rootIds, ...dates }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface IndicatorRow {
  code: string;
  name: string;
  raw: RawIndicators;
}

/** As /tiendo's "by unit": the root's children valid in the period (or the roots), and the root's own level. */
function indicatorRows(db: Db, scope: ExportScope, p: Progress): IndicatorRow[] {
  const { from, to } = spanDates(scope.span);
  const raw = (id: number) => p.buckets.get(id) ?? emptyRaw();
  if (scope.rootIds.length !== 1) {
    const roots = unitsByIds(db, scope.rootIds);
    return scope.rootIds.flatMap((id) => {
      const u = roots.get(id);
      return u ? [{ code: u.code, name: u.name, raw: raw(id) }] : [];
    });
  }
  const rootId = scope.rootIds[0] ?? 0;
  const rows = childrenValidIn(db, rootId, from, to).map((u) => ({
    code: u.code,
    name: u.name,
    raw: raw(u.id),
  }));
  const own = p.buckets.get(rootId);
  const root = unitsByIds(db, [rootId]).get(rootId);
  const hasOwn = own && hasAnyFigure(own);
  return root && own && hasOwn ? [{ code: root.code, name: L.ownLevel(root.name), raw: own }, ...rows] : rows;
}

function addIndicatorSheet(
  wb: ExcelJS.Workbook,
  rows: IndicatorRow[],
  total: RawIndicators,
  targets: Targets,
) {
  const columns: SheetColumn[] = [{ header: L.unitCode, kind: 'code' }, { header: L.unitName }];
  for (const _ of INDICATORS) {
    columns.push(
      { header: L.num, kind: 'count' },
      { header: L.den, kind: 'count' },
      { header: L.ratio, kind: 'percent' },
      { header: L.target, kind: 'percent' },
      { header: L.pending, kind: 'count' },
    );
  }
  const cells = (code: string, name: string, raw: RawIndicators): SheetValue[] => [
    code,
    name,
    ...evaluate(raw, targets).flatMap((r) => [r.num, r.den, r.ratio, r.target, r.pending]),
  ];
  const sheet = addTableSheet(
    wb,
    SHEETS.indicators,
    columns,
    [...rows.map((r) => cells(r.code, r.name, r.raw)), cells('', L.total, total)],
    {
      groups: [
        { title: '', span: 2 },
        ...INDICATORS.map((k, i) => ({ title: `${i + 1}. ${INDICATOR_NAMES[k]}`, span: 5 })),
      ],
      frozenColumns: 2,
    },
  );
  sheet.lastRow?.eachCell((cell) => {
    cell.font = { bold: true };
  });
  sheet.getRow(1).height = 32;
}

function addCounterSheet(wb: ExcelJS.Workbook, p: Progress, about: [string, string][]) {
  const c = p.counters;
  const levels = Object.keys(LEVEL_NAMES).filter((k) => (c.bridgePoints[k] ?? 0) > 0);
  const rows: SheetValue[][] = [
    ...about,
    [L.conferences, c.conferences],
    [L.membersPresent, c.membersPresent],
    [L.nonMemberAttendances, c.nonMemberAttendances],
    [L.attendances, c.membersPresent + c.nonMemberAttendances],
    [L.communes, c.communes],
    [L.communesWithLoudspeaker, c.communesWithLoudspeaker],
    ...levels.map((k) => [L.bridgeAt(LEVEL_NAMES[k] ?? k), c.bridgePoints[k] ?? 0]),
    [L.commendedCollectives, c.collectives],
    [L.commendedIndividuals, c.individuals],
  ];
  const sheet = addTableSheet(
    wb,
    SHEETS.counters,
    [{ header: L.item }, { header: L.value, kind: 'count' }],
    rows,
  );
  sheet.getColumn(2).alignment = { horizontal: 'right' };
  sheet.getCell(1, 2).alignment = { horizontal: 'center', vertical: 'middle' };
}
