import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { foldVietnamese } from '../../domain/vn.js';
import type { Db } from '../client.js';
import { preparedPerDb } from '../prepared.js';
import { type Document, documents } from '../schema.js';
import type { Actor } from './audit.js';
import { type UpsertCounts, upsertEach } from './upsert.js';

const newestDocuments = preparedPerDb((db) =>
  db
    .select()
    .from(documents)
    .orderBy(desc(documents.issuedOn), desc(documents.id))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

/** Changes when another connection (the CLI importing documents) commits; our own writes do not change it. */
const dataVersion = preparedPerDb((db) => db.$client.prepare('PRAGMA data_version').pluck());
/** Bumped by every write of documents through this module, on any connection of this process. */
let documentWrites = 0;
const newestCache = new WeakMap<
  Db,
  { version: unknown; writes: number; limit: number; rows: readonly Document[] }
>();

/**
 * Newest first (by date issued, then most recently added). Every form step offers them as buttons, and
 * they change a few times a year: the answer is kept until a document is written here or another process
 * commits anything (PRAGMA data_version), whichever comes first. Nothing read inside a transaction is kept.
 */
export function recentDocuments(db: Db, limit: number): readonly Document[] {
  // Inside a transaction what is read may yet be undone: read, and keep nothing.
  if (db.$client.inTransaction) return newestDocuments(db).all({ limit });
  const version = dataVersion(db).get();
  const hit = newestCache.get(db);
  if (hit && hit.version === version && hit.writes === documentWrites && hit.limit === limit) return hit.rows;
  const rows = Object.freeze(newestDocuments(db).all({ limit }));
  newestCache.set(db, { version, writes: documentWrites, limit, rows });
  return rows;
}

const documentsNumbered = preparedPerDb((db) =>
  db
    .select()
    .from(documents)
    .where(eq(documents.number, sql.placeholder('n')))
    .orderBy(desc(documents.issuedOn), desc(documents.id))
    .prepare(),
);

/** Any number of ids in one statement: a JSON array, read by json_each. */
const documentsWithIds = preparedPerDb((db) =>
  db
    .select()
    .from(documents)
    .where(inArray(documents.id, sql`(select value from json_each(${sql.placeholder('ids')}))`))
    .prepare(),
);

/** Numbers restart every term, so `35` may name several documents: newest first. */
export function documentsByNumber(db: Db, n: number): Document[] {
  return documentsNumbered(db).all({ n });
}

/** In the order of `ids`; unknown ids are left out. */
export function getDocuments(db: Db, ids: readonly number[]): Document[] {
  if (ids.length === 0) return [];
  const rows = documentsWithIds(db).all({ ids: JSON.stringify(ids) });
  const byId = new Map(rows.map((d) => [d.id, d]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

export type DocumentInput = Omit<Document, 'id'>;

/** Creates or updates documents keyed by (code, issued_on). */
export function upsertDocuments(
  db: Db,
  inputs: readonly DocumentInput[],
  actor: Actor,
  now: Date,
): UpsertCounts {
  documentWrites++;
  return upsertEach<DocumentInput, Document>(
    db,
    inputs,
    {
      entity: 'document',
      find: (f) =>
        db
          .select()
          .from(documents)
          .where(and(eq(documents.code, f.code), eq(documents.issuedOn, f.issuedOn)))
          .get(),
      insert: (f) => db.insert(documents).values(f).run(),
      update: (id, f) => db.update(documents).set(f).where(eq(documents.id, id)).run(),
    },
    actor,
    now,
  );
}

/** The newest document with this code: `01-CT/TW`, typed with or without diacritics. */
export function documentByCode(db: Db, code: string) {
  const wanted = foldVietnamese(code);
  return (
    documentsByNumber(db, Number.parseInt(code, 10)).find((d) => foldVietnamese(d.code) === wanted) ?? null
  );
}

/** The whole catalogue, oldest first: an import reads it once instead of once a row. */
export function allDocuments(db: Db): Document[] {
  return db.select().from(documents).orderBy(documents.issuedOn, documents.id).all();
}
