import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
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

/** Call inside the transaction that makes the change, so the log and the change stand or fall together. */
export function recordAudit(db: Db, e: AuditInput): void {
  db.insert(auditLog)
    .values({
      at: e.now,
      actorId: e.actor.id,
      actorLabel: e.actor.label,
      action: e.action,
      entity: e.entity,
      entityId: String(e.entityId),
      unitId: e.unitId ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .run();
}

export function auditTrail(db: Db, entity: string, entityId: string | number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(desc(auditLog.id))
    .all();
}
