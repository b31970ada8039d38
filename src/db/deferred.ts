import type { Db } from './client.js';

/**
 * Writes the bot makes on nearly every update (the update's redelivery mark, a form's state after each answer)
 * wait until the turn of the event loop ends and are then committed together, in one transaction: a commit per
 * write was most of what a form step cost SQLite, and on a disk each commit is a write of its own.
 *
 * What this promises and what it does not. A reply can reach the user before its turn's writes are committed;
 * if the process dies in between, both the state and the redelivery mark of that update are lost together, so
 * Telegram delivers the update again and it is answered again from the state before it: the same question, never
 * an answer applied to the wrong one. Whatever confirms updates to Telegram (the next poll, the webhook's answer)
 * and whoever closes the database calls flushWrites first. Reports themselves are never deferred: they are
 * committed before "Đã lưu" is sent.
 */
type Writer = (db: Db) => void;

const writers: Writer[] = [];
const dirty = new WeakSet<Db>();

/** A kind of deferred write: `write` commits what is pending for `db` (it runs inside flushWrites' transaction). */
export function deferredWriter(write: Writer): void {
  writers.push(write);
}

/** Something is pending for `db`: it is written when this turn ends, or sooner if flushWrites runs. */
export function pendingWrite(db: Db): void {
  if (dirty.has(db)) return;
  dirty.add(db);
  setImmediate(() => flushWrites(db));
}

/**
 * Commits every pending write in one transaction; nothing when none is pending or the database is closed.
 * Never inside another transaction (which could still roll back): then it waits for the next turn.
 */
export function flushWrites(db: Db): void {
  if (!dirty.has(db) || !db.$client.open) return;
  if (db.$client.inTransaction) {
    setImmediate(() => flushWrites(db));
    return;
  }
  dirty.delete(db);
  db.$client.transaction(() => {
    for (const write of writers) write(db);
  })();
}
