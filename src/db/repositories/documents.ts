import { and, desc, eq, inArray, sql } from 'drizzle-orm';
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

/** Newest first (by date issued, then most recently added). */
export function recentDocuments(db: Db, limit: number): Document[] {
  return newestDocuments(db).all({ limit });
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
