import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { preparedPerDb } from '../prepared.js';
import { auditLog } from '../schema.js';

export interface Actor {
  /** Telegram user id; null for the administrator's CLI. */
  id: number | null;
  label: string;
}

export const CLI_ACTOR: Actor = { id: null, label: 'cli' };

export interface AuditInput {
  actor: Actor;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entityId: string | number;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
  now: Date;
}

const insertAudit = preparedPerDb((db) =>
  db
    .insert(auditLog)
    .values({
      at: sql.placeholder('at'),
      actorId: sql.placeholder('actorId'),
      actorLabel: sql.placeholder('actorLabel'),
      action: sql.placeholder('action'),
      entity: sql.placeholder('entity'),
      entityId: sql.placeholder('entityId'),
      unitId: sql.placeholder('unitId'),
      before: sql.placeholder('before'),
      after: sql.placeholder('after'),
    })
    .prepare(),
);

/** Call inside the transaction that makes the change, so the log and the change stand or fall together. */
export function recordAudit(db: Db, e: AuditInput): void {
  insertAudit(db).run({
    at: e.now,
    actorId: e.actor.id,
    actorLabel: e.actor.label,
    action: e.action,
    entity: e.entity,
    entityId: String(e.entityId),
    unitId: e.unitId ?? null,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
  });
}

export function auditTrail(db: Db, entity: string, entityId: string | number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(desc(auditLog.id))
    .all();
}
