import { and, eq, lt, sql } from 'drizzle-orm';
import type { FormState } from '../../forms/types.js';
import type { Db } from '../client.js';
import { flushWrites, pendingWrites } from '../deferred.js';
import { preparedPerDb } from '../prepared.js';
import { formSessions } from '../schema.js';

/** Form state lives in SQLite, keyed by `<userId>:<chatId>`: a restart in the middle of a form loses nothing. */
export const formKey = (userId: number, chatId: number) => `${userId}:${chatId}`;

const findForm = preparedPerDb((db) =>
  db
    .select({ state: formSessions.state })
    .from(formSessions)
    .where(eq(formSessions.key, sql.placeholder('key')))
    .prepare(),
);

const upsertForm = preparedPerDb((db) =>
  db
    .insert(formSessions)
    .values({
      key: sql.placeholder('key'),
      formId: sql.placeholder('formId'),
      token: sql.placeholder('token'),
      state: sql.placeholder('state'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .onConflictDoUpdate({
      target: formSessions.key,
      set: {
        formId: sql.raw('excluded.form_id'),
        token: sql.raw('excluded.token'),
        state: sql.raw('excluded.state'),
        updatedAt: sql.raw('excluded.updated_at'),
      },
    })
    .prepare(),
);

type FormRow = { formId: string; token: string; state: string; updatedAt: Date };

/** States saved this turn and not yet written (../deferred.ts): the newest state of each form, per database. */
const pendingForms = pendingWrites<string, FormRow>((db) => {
  const upsert = upsertForm(db);
  return (key, row) => upsert.run({ key, ...row });
});

/** Writes this form's pending state now, so that a delete that follows sees it. */
function writePending(db: Db, key: string): void {
  const row = pendingForms.get(db, key);
  if (!row) return;
  upsertForm(db).run({ key, ...row });
  pendingForms.delete(db, key);
}

export function loadForm(db: Db, key: string): FormState | null {
  const state = pendingForms.get(db, key)?.state ?? findForm(db).get({ key })?.state;
  return state === undefined ? null : (JSON.parse(state) as FormState);
}

/** Saves the state after an answer; written to SQLite when the turn ends (../deferred.ts), read back at once. */
export function saveForm(db: Db, key: string, state: FormState, now: Date): void {
  const row = { formId: state.formId, token: state.token, state: JSON.stringify(state), updatedAt: now };
  pendingForms.set(db, key, row);
}

const deleteFormWithToken = preparedPerDb((db) =>
  db
    .delete(formSessions)
    .where(
      and(eq(formSessions.key, sql.placeholder('key')), eq(formSessions.token, sql.placeholder('token'))),
    )
    .prepare(),
);

/** Ends the form with this token; false when it already ended (a second "Xác nhận"). */
export function endForm(db: Db, key: string, token: string): boolean {
  writePending(db, key);
  return deleteFormWithToken(db).run({ key, token }).changes > 0;
}

export function dropForm(db: Db, key: string): boolean {
  writePending(db, key);
  return db.delete(formSessions).where(eq(formSessions.key, key)).run().changes > 0;
}

/** Forgets forms nobody touched since `before`. */
export function dropFormsOlderThan(db: Db, before: Date): number {
  flushWrites(db);
  return db.delete(formSessions).where(lt(formSessions.updatedAt, before)).run().changes;
}
