import { deepStrictEqual } from 'node:assert';
import { type Db, openDatabase } from '../../src/db/client.js';
import { type Progress, progress } from '../../src/db/repositories/progress.js';
import { refreshProgressSummaries } from '../../src/db/repositories/progress-summary.js';
import * as t from '../../src/db/schema.js';

/**
 * A tiny world built row by row, for table-driven indicator tests. Writes straight into the tables
 * so each test states exactly the facts it depends on.
 */
export class World {
  readonly db: Db = openDatabase(':memory:');
  private readonly ids = new Map<string, number>();

  id(code: string): number {
    const id = this.ids.get(code);
    if (id === undefined) throw new Error(`no unit or document ${code}`);
    return id;
  }

  unit(
    code: string,
    kind: t.UnitKind,
    parent: string | null,
    validFrom = '2010-01-01',
    validTo: string | null = null,
  ) {
    const row = this.db
      .insert(t.units)
      .values({ code, name: code, kind, parentId: parent ? this.id(parent) : null, validFrom, validTo })
      .returning()
      .get();
    this.ids.set(code, row.id);
    return this;
  }

  mergeInto(oldCode: string, newCode: string) {
    this.db.$client
      .prepare('UPDATE units SET successor_id = ? WHERE id = ?')
      .run(this.id(newCode), this.id(oldCode));
    return this;
  }

  doc(code: string, issuedOn = '2018-10-22') {
    const row = this.db
      .insert(t.documents)
      .values({
        code,
        issuedOn,
        number: Number.parseInt(code, 10),
        type: 'NQ',
        issuer: 'Bộ Chính trị',
        summary: code,
      })
      .returning()
      .get();
    this.ids.set(code, row.id);
    return this;
  }

  figures(unit: string, asOf: string, f: Partial<Omit<t.UnitFigures, 'id' | 'unitId' | 'asOf'>> = {}) {
    this.db
      .insert(t.unitFigures)
      .values({
        unitId: this.id(unit),
        asOf,
        partyMembers: 100,
        exemptMembers: 0,
        reporters: 0,
        personalPlanRequired: 0,
        hasLoudspeaker: false,
        bridgePoints: 0,
        ...f,
      })
      .run();
    return this;
  }

  conference(
    unit: string,
    heldOn: string,
    docs: string[],
    r: {
      eligible?: number;
      present?: number;
      form?: t.ConferenceForm;
      others?: number;
      makeUp?: boolean;
    } = {},
  ) {
    const row = this.db
      .insert(t.conferenceReports)
      .values({
        unitId: this.id(unit),
        heldOn,
        form: r.form ?? 'truc_tiep',
        eligible: r.eligible ?? 100,
        present: r.present ?? 100,
        nonMemberAttendances: r.others ?? 0,
        makeUp: r.makeUp ?? false,
        reporterPresent: true,
        createdBy: 1,
      })
      .returning()
      .get();
    for (const d of docs)
      this.db
        .insert(t.conferenceReportDocuments)
        .values({ reportId: row.id, documentId: this.id(d) })
        .run();
    // What createConferenceReport does after its insert: keep /tiendo's summaries exact.
    refreshProgressSummaries(this.db, [
      { unitId: row.unitId, heldOn, documentIds: docs.map((d) => this.id(d)) },
    ]);
    return this;
  }

  actionPlan(unit: string, doc: string, issuedOn: string) {
    this.db
      .insert(t.actionPlans)
      .values({ unitId: this.id(unit), documentId: this.id(doc), issuedOn, createdBy: 1 })
      .run();
    return this;
  }

  survey(unit: string, heldOn: string, surveyed: number, aware: number) {
    this.db
      .insert(t.awarenessSurveys)
      .values({ unitId: this.id(unit), heldOn, surveyed, aware, createdBy: 1 })
      .run();
    return this;
  }

  training(unit: string, year: number, trained: number) {
    this.db
      .insert(t.reporterTrainings)
      .values({ unitId: this.id(unit), year, trained, heldOn: `${year}-06-01`, createdBy: 1 })
      .run();
    return this;
  }

  personalPlans(unit: string, year: number, withPlan: number) {
    this.db
      .insert(t.personalPlans)
      .values({ unitId: this.id(unit), year, withPlan, createdBy: 1 })
      .run();
    return this;
  }

  inspection(unit: string, year: number, body: t.InspectionBody, approvedOn = `${year}-01-15`) {
    this.db
      .insert(t.inspectionProgrammes)
      .values({ unitId: this.id(unit), year, body, approvedOn, createdBy: 1 })
      .run();
    return this;
  }

  commendation(unit: string, awardedOn: string, collectives: number, individuals: number) {
    this.db
      .insert(t.commendations)
      .values({ unitId: this.id(unit), awardedOn, collectives, individuals, createdBy: 1 })
      .run();
    return this;
  }

  /** The document's own deadline for every grassroots organisation's action plan. */
  documentDeadline(doc: string, due: string) {
    this.db.$client
      .prepare('INSERT INTO document_deadlines (document_id, action_plan_due) VALUES (?, ?)')
      .run(this.id(doc), due);
    return this;
  }

  /** From the summaries, checked against the same figures computed from the reports themselves. */
  progress(roots: string[], from: string, to: string, actionPlanDays = 30, today?: string) {
    const q = {
      rootIds: roots.map((r) => this.id(r)),
      from,
      to,
      actionPlanDays,
      ...(today ? { today } : {}),
    };
    const p = progress(this.db, q);
    deepStrictEqual(comparable(p), comparable(progress(this.db, { ...q, source: 'base' })));
    // Both ways of checking "has figures" (a small scope probes, a large one scans) give the same answer.
    deepStrictEqual(comparable(progress(this.db, { ...q, figures: 'probe' })), comparable(p));
    deepStrictEqual(comparable(progress(this.db, { ...q, figures: 'scan' })), comparable(p));
    return p;
  }
}

/** A Progress with its buckets sorted and the empty ones left out (an absent bucket reads as empty). */
export function comparable(p: Progress) {
  const empty = (raw: Progress['total']) => Object.values(raw).every((f) => f.num === 0 && f.den === 0);
  return {
    total: p.total,
    counters: p.counters,
    buckets: [...p.buckets].filter(([, raw]) => !empty(raw)).sort(([a], [b]) => a - b),
  };
}
