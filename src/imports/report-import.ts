import type { Db } from '../db/client.js';
import { type Actor, recordAudit } from '../db/repositories/audit.js';
import { allDocuments } from '../db/repositories/documents.js';
import { figuresHistory } from '../db/repositories/figures.js';
import { type ReportKeys, refreshProgressSummaries } from '../db/repositories/progress-summary.js';
import { getUnitByCode } from '../db/repositories/units.js';
import type { UpsertCounts } from '../db/repositories/upsert.js';
import type { Unit, UnitFigures } from '../db/schema.js';
import { extraCells, type ImportError, MAX_ERRORS, readHeader } from '../domain/csv-import.js';
import type { CsvRecord } from '../domain/csv-read.js';
import { unitCode } from '../domain/import-fields.js';
import { appliesTo } from '../domain/report-kinds.js';
import { KIND_NAMES, type Kind } from '../domain/unit-kinds.js';
import { foldVietnamese } from '../domain/vn.js';
import type { DocumentChoice } from '../forms/common/documents.js';
import type { ReportContext } from '../forms/common/figures.js';
import { checkRow } from '../forms/row-check.js';
import { REPORT_SPECS, type ReportImportKind, type ReportSpec } from './report-specs.js';

/*
 * An import of past reports (docs/domain.md, "Importing past reports"): sheets of rows, one report kind each,
 * checked row by row as the chat form checks them and written as they are read. The caller holds the whole
 * import in one transaction and commits only when `finish` says ok: a bad file changes nothing. Rows are not
 * kept: a file of 100.000 rows streams through in flat memory (BENCHMARKS.md).
 */

export interface SheetCounts extends UpsertCounts {
  rows: number;
}

export interface ImportedReports {
  file: string;
  /** Per kind, in the order the sheets came. */
  sheets: Array<{ kind: ReportImportKind } & SheetCounts>;
}

export type ReportImportOutcome =
  | { ok: true; imported: ImportedReports }
  | { ok: false; errors: ImportError[] };

export interface ReportImportOptions {
  actor: Actor;
  /** The office's day (ISO): the forms refuse later dates, as in the chat. */
  today: string;
  now: Date;
  /** Whether the importer may file for a unit (an administrator's scope); the CLI may file for every unit. */
  mayFile?: (unit: Unit) => boolean;
  /** A workbook names the sheet in each error; a CSV file of one kind does not. */
  namedSheets?: boolean;
}

const ERR = {
  empty: 'Tệp trống, không có dòng tiêu đề.',
  noRows: 'Tệp không có dòng dữ liệu nào.',
  unknownUnit: (code: string) => `chưa có đơn vị mã ${code} (nhập đơn vị trước: import units).`,
  outOfScope: (code: string) => `đơn vị ${code} không thuộc phạm vi đồng chí quản trị.`,
  notFiled: (name: string, kind: string) => `${name} (${kind}) không báo cáo loại này.`,
  duplicate: (first: number) => `trùng với dòng ${first} (cùng đơn vị, cùng ngày, năm hoặc văn bản).`,
} as const;

/** A form's reason without its advice to press a button, which a file has not: "… Hãy bấm nút để chọn." */
const withoutButtons = (message: string) =>
  message.replace(/ (Hãy )?(gõ [^.]* hoặc )?bấm nút[^.]*\./i, '').trim();

interface Sheet {
  kind: ReportImportKind;
  name: string;
  spec: ReportSpec;
  keys: string[];
  position: Map<string, number>;
  columns: number;
  counts: SheetCounts;
}

export class ReportImport {
  readonly errors: ImportError[] = [];
  private readonly sheets: Sheet[] = [];
  private sheet: Sheet | null = null;
  private readonly seen = new Map<string, number>();
  /** What the progress summaries must recompute: one entry per (unit, year, document) written, not per row. */
  private readonly reports = new Map<string, ReportKeys>();
  /** By code: the unit and whether the importer may file for it, or null when there is none. */
  private readonly units = new Map<string, { unit: Unit; allowed: boolean } | null>();
  private readonly figures = new Map<number, UnitFigures[]>();
  private readonly base: Omit<ReportContext, 'units'>;

  constructor(
    private readonly db: Db,
    private readonly opts: ReportImportOptions,
  ) {
    const docs: DocumentChoice[] = allDocuments(db);
    const byId = new Map(docs.map((d) => [d.id, d]));
    const group = (key: (d: DocumentChoice) => string | number) => {
      const m = new Map<string | number, DocumentChoice[]>();
      for (const d of docs) m.set(key(d), [...(m.get(key(d)) ?? []), d]);
      return m;
    };
    const byNumber = group((d) => Number.parseInt(d.code, 10));
    // As the chat reads a typed code (report-context.ts): `35-nq/tw` is 35-NQ/TW.
    const byCode = group((d) => foldVietnamese(d.code));
    this.base = {
      today: opts.today,
      recentDocuments: [],
      documentsByIds: (ids) => ids.flatMap((id) => byId.get(id) ?? []),
      documentsByNumber: (n) => byNumber.get(n) ?? [],
      documentsByCode: (code) => byCode.get(foldVietnamese(code)) ?? [],
      figuresOn: (unitId, day) => {
        const rows = this.figuresOf(unitId);
        let found: UnitFigures | null = null;
        for (const f of rows) if (f.asOf <= day) found = f;
        return found;
      },
    };
  }

  /** Whether enough errors are known to stop reading. */
  get full(): boolean {
    return this.errors.length >= MAX_ERRORS;
  }

  /** A sheet of `kind` begins with its header line; false (and errors) when its columns are not the kind's. */
  header(kind: ReportImportKind, sheetName: string, head: CsvRecord | undefined): boolean {
    const spec: ReportSpec = REPORT_SPECS[kind];
    this.sheet = null;
    if (!head) return this.fail({ line: 1, column: null, message: ERR.empty }, sheetName);
    const keys = Object.keys(spec.headers);
    const read = readHeader(head, keys, (k) => ({
      header: spec.headers[k] ?? k,
      optional: spec.optional?.includes(k) ?? false,
    }));
    if (!read.ok) {
      for (const e of read.errors) this.fail(e, sheetName);
      return false;
    }
    const counts = { rows: 0, created: 0, updated: 0, unchanged: 0 };
    this.sheet = {
      kind,
      name: sheetName,
      spec,
      keys,
      position: read.position,
      columns: head.cells.length,
      counts,
    };
    this.sheets.push(this.sheet);
    return true;
  }

  /** One line of the current sheet: checked, and written when good. */
  row({ line, cells }: CsvRecord): void {
    const sheet = this.sheet;
    if (!sheet || this.full) return;
    const extra = extraCells(cells, sheet.columns, line);
    if (extra) return void this.fail(extra, sheet.name);
    const cell = (k: string) => {
      const i = sheet.position.get(k);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const column = (k: string) => sheet.spec.headers[k] ?? k;
    const unit = this.unitOf(cell('unit'), sheet.kind);
    if (typeof unit === 'string')
      return void this.fail({ line, column: column('unit'), message: unit }, sheet.name);

    const ctx: ReportContext = {
      ...this.base,
      units: [
        { id: unit.id, name: unit.name, kind: unit.kind, validFrom: unit.validFrom, validTo: unit.validTo },
      ],
    };
    const cellsByKey = Object.fromEntries(sheet.keys.map((k) => [k, cell(k)]));
    const checked = checkRow(sheet.spec.def, cellsByKey, ctx, { unit: String(unit.id) });
    if (!checked.ok) {
      const { key, message } = checked.problem;
      return void this.fail({ line, column: column(key), message: withoutButtons(message) }, sheet.name);
    }
    const key = `${sheet.kind}|${sheet.spec.key(checked.values)}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      return void this.fail({ line, column: null, message: ERR.duplicate(first) }, sheet.name);
    }
    this.seen.set(key, line);
    sheet.counts.rows++;
    // After an error nothing is kept: stop writing, go on checking.
    if (this.errors.length > 0) return;
    const written = sheet.spec.write(this.db, checked.values, ctx, this.opts.actor, this.opts.now);
    sheet.counts[written.outcome]++;
    if (written.report && written.outcome !== 'unchanged') this.touch(written.report);
    if (written.figuresOf !== undefined) this.figures.delete(written.figuresOf);
  }

  /** The outcome; when ok, the summaries are refreshed and the import audited, in the caller's transaction. */
  finish(file: string): ReportImportOutcome {
    if (this.errors.length === 0 && this.sheets.every((s) => s.counts.rows === 0))
      this.fail({ line: 2, column: null, message: ERR.noRows }, this.sheets[0]?.name ?? '');
    if (this.errors.length > 0) return { ok: false, errors: this.errors.slice(0, MAX_ERRORS) };
    refreshProgressSummaries(this.db, [...this.reports.values()]);
    const imported: ImportedReports = {
      file,
      sheets: this.sheets.map((s) => ({ kind: s.kind, ...s.counts })),
    };
    recordAudit(this.db, {
      actor: this.opts.actor,
      action: 'create',
      entity: 'report_import',
      entityId: file,
      after: imported,
      now: this.opts.now,
    });
    return { ok: true, imported };
  }

  /** The summaries are kept by (unit, document, year): only those keys are kept of a written conference. */
  private touch({ unitId, heldOn, documentIds }: ReportKeys): void {
    const year = heldOn.slice(0, 4);
    for (const d of documentIds) {
      const key = `${unitId}:${year}:${d}`;
      if (!this.reports.has(key))
        this.reports.set(key, { unitId, heldOn: `${year}-01-01`, documentIds: [d] });
    }
  }

  private fail(e: ImportError, sheetName: string): false {
    this.errors.push(this.opts.namedSheets ? { ...e, sheet: sheetName } : e);
    return false;
  }

  /** The unit of a row by its code, or why it cannot be filed for. */
  private unitOf(code: string, kind: ReportImportKind): Unit | string {
    const parsed = unitCode(code);
    if (!parsed.ok) return parsed.error;
    let known = this.units.get(parsed.value);
    if (known === undefined) {
      const found = getUnitByCode(this.db, parsed.value);
      known = found && { unit: found, allowed: this.opts.mayFile?.(found) ?? true };
      this.units.set(parsed.value, known);
    }
    if (!known) return ERR.unknownUnit(parsed.value);
    const { unit, allowed } = known;
    if (!allowed) return ERR.outOfScope(parsed.value);
    if (!appliesTo(kind, unit.kind)) return ERR.notFiled(unit.name, KIND_NAMES[unit.kind as Kind]);
    return unit;
  }

  private figuresOf(unitId: number): UnitFigures[] {
    let rows = this.figures.get(unitId);
    if (!rows) {
      rows = figuresHistory(this.db, unitId);
      this.figures.set(unitId, rows);
    }
    return rows;
  }
}
