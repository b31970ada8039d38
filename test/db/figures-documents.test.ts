import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { auditTrail, CLI_ACTOR } from '../../src/db/repositories/audit.js';
import {
  type DocumentInput,
  documentsByNumber,
  getDocuments,
  recentDocuments,
  upsertDocuments,
} from '../../src/db/repositories/documents.js';
import { type FiguresInput, latestFigures, upsertFigures } from '../../src/db/repositories/figures.js';
import { getUnitByCode, upsertUnits } from '../../src/db/repositories/units.js';
import { testDb } from '../helpers/test-db.js';

const NOW = new Date('2026-01-05T02:00:00Z');

function dbWithUnit() {
  const db = testDb();
  upsertUnits(
    db,
    [
      {
        code: 'XA_A',
        name: 'Xã A',
        kind: 'xa',
        parentCode: null,
        validFrom: '2020-01-01',
        validTo: null,
        successorCode: null,
      },
    ],
    CLI_ACTOR,
    NOW,
  );
  return { db, unitId: getUnitByCode(db, 'XA_A')?.id ?? 0 };
}

const figures = (unitId: number, asOf: string, partyMembers: number): FiguresInput => ({
  unitId,
  asOf,
  partyMembers,
  exemptMembers: 3,
  reporters: 5,
  personalPlanRequired: 20,
  hasLoudspeaker: true,
  bridgePoints: 1,
});

describe('figures repository', () => {
  it('gives the latest figures dated on or before a day', () => {
    const { db, unitId } = dbWithUnit();
    upsertFigures(
      db,
      [figures(unitId, '2020-01-01', 200), figures(unitId, '2024-01-01', 250)],
      CLI_ACTOR,
      NOW,
    );
    expect(latestFigures(db, unitId, '2019-12-31')).toBeNull();
    expect(latestFigures(db, unitId, '2020-01-01')?.partyMembers).toBe(200);
    expect(latestFigures(db, unitId, '2023-12-31')?.partyMembers).toBe(200);
    expect(latestFigures(db, unitId, '2026-01-01')?.partyMembers).toBe(250);
  });

  it('upserts on (unit, date) and audits the change', () => {
    const { db, unitId } = dbWithUnit();
    upsertFigures(db, [figures(unitId, '2024-01-01', 250)], CLI_ACTOR, NOW);
    const counts = upsertFigures(db, [figures(unitId, '2024-01-01', 260)], CLI_ACTOR, NOW);
    expect(counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const row = latestFigures(db, unitId, '2024-12-31');
    expect(row?.partyMembers).toBe(260);
    const trail = auditTrail(db, 'unit_figures', row?.id ?? 0);
    expect(trail.map((a) => [a.action, a.unitId])).toEqual([
      ['update', unitId],
      ['create', unitId],
    ]);
  });
});

const doc = (code: string, number: number, issuedOn: string, summary = 'Về ...'): DocumentInput => ({
  code,
  number,
  type: 'NQ',
  issuer: 'Bộ Chính trị',
  issuedOn,
  summary,
});

describe('documents repository', () => {
  it('lists newest first, finds by number across terms and by ids in the order asked', () => {
    const db = testDb();
    upsertDocuments(
      db,
      [
        doc('35-NQ/TW', 35, '2018-10-22'),
        doc('57-NQ/TW', 57, '2024-12-22'),
        doc('35-NQ/TW', 35, '2001-05-01'),
      ],
      CLI_ACTOR,
      NOW,
    );
    expect(recentDocuments(db, 2).map((d) => d.issuedOn)).toEqual(['2024-12-22', '2018-10-22']);
    expect(documentsByNumber(db, 35).map((d) => d.issuedOn)).toEqual(['2018-10-22', '2001-05-01']);
    expect(documentsByNumber(db, 99)).toEqual([]);
    const [a, b] = recentDocuments(db, 2);
    expect(getDocuments(db, [b?.id ?? 0, 999, a?.id ?? 0]).map((d) => d.code)).toEqual([
      '35-NQ/TW',
      '57-NQ/TW',
    ]);
    expect(getDocuments(db, [])).toEqual([]);
  });

  it('keeps the newest documents only until documents change: here, in a transaction undone, or in another process', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'docs-cache-')), 'bot.sqlite');
    const db = openDatabase(file);
    const codes = () => recentDocuments(db, 3).map((d) => d.code);
    upsertDocuments(db, [doc('35-NQ/TW', 35, '2018-10-22')], CLI_ACTOR, NOW);
    expect(codes()).toEqual(['35-NQ/TW']);
    upsertDocuments(db, [doc('57-NQ/TW', 57, '2024-12-22')], CLI_ACTOR, NOW);
    expect(codes()).toEqual(['57-NQ/TW', '35-NQ/TW']);
    // Read inside a transaction that is then undone: the document it saw is not remembered.
    expect(() =>
      db.transaction(() => {
        upsertDocuments(db, [doc('12-QĐ/TW', 12, '2025-01-10')], CLI_ACTOR, NOW);
        expect(codes()[0]).toBe('12-QĐ/TW');
        throw new Error('undo');
      }),
    ).toThrow('undo');
    expect(codes()).toEqual(['57-NQ/TW', '35-NQ/TW']);
    // The CLI imports documents through its own connection while the bot runs.
    const cli = openDatabase(file);
    upsertDocuments(cli, [doc('21-NQ/TW', 21, '2026-01-02')], CLI_ACTOR, NOW);
    expect(codes()).toEqual(['21-NQ/TW', '57-NQ/TW', '35-NQ/TW']);
    cli.run(sql`update documents set code = '21-NQ/TW (sửa)' where number = 21`);
    expect(codes()[0]).toBe('21-NQ/TW (sửa)');
    cli.$client.close();
    db.$client.close();
  });

  it('upserts on (code, date): the same code in another term is another document', () => {
    const db = testDb();
    upsertDocuments(db, [doc('35-NQ/TW', 35, '2018-10-22')], CLI_ACTOR, NOW);
    const counts = upsertDocuments(
      db,
      [doc('35-NQ/TW', 35, '2018-10-22', 'Về tăng cường'), doc('35-NQ/TW', 35, '2030-01-01')],
      CLI_ACTOR,
      NOW,
    );
    expect(counts).toEqual({ created: 1, updated: 1, unchanged: 0 });
    expect(documentsByNumber(db, 35).map((d) => d.summary)).toEqual(['Về ...', 'Về tăng cường']);
  });
});
