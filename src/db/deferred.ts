import type { Db } from './client.js';

/*
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
/** A kind of deferred write: `write` writes what is pending (in flushWrites' transaction), `written` forgets it. */
interface Writer {
  write(db: Db): void;
  written(db: Db): void;
}

const writers: Writer[] = [];
const dirty = new WeakSet<Db>();

/** Entries waiting for the end of the turn, per database, keyed (the newest value of a key wins). */
export interface Pending<K, V> {
  get(db: Db, key: K): V | undefined;
  /** Sets the entry and has it written when this turn ends (or sooner, if flushWrites runs). */
  set(db: Db, key: K, value: V): void;
  delete(db: Db, key: K): void;
}

/** A kind of deferred write; `writer(db)` gives what writes one entry (a prepared statement, say). */
export function pendingWrites<K, V>(writer: (db: Db) => (key: K, value: V) => void): Pending<K, V> {
  const maps = new WeakMap<Db, Map<K, V>>();
  writers.push({
    write(db) {
      const one = writer(db);
      for (const [key, value] of maps.get(db) ?? []) one(key, value);
    },
    written: (db) => maps.get(db)?.clear(),
  });
  return {
    get: (db, key) => maps.get(db)?.get(key),
    set(db, key, value) {
      let map = maps.get(db);
      if (!map) {
        map = new Map();
        maps.set(db, map);
      }
      map.set(key, value);
      if (dirty.has(db)) return;
      dirty.add(db);
      setImmediate(() => flushAtTurnEnd(db));
    },
    delete: (db, key) => void maps.get(db)?.delete(key),
  };
}

/**
 * At the end of a turn a failed commit (the database locked by another process past busy_timeout, a full disk)
 * keeps everything pending and tries again a second later; the flush before the next poll or webhook answer
 * tries too, and its caller sees the error, so nothing is confirmed to Telegram unwritten.
 */
function flushAtTurnEnd(db: Db): void {
  try {
    flushWrites(db);
  } catch {
    setTimeout(() => flushAtTurnEnd(db), 1000).unref();
  }
}

/**
 * Commits every pending write in one transaction; nothing when none is pending or the database is closed.
 * Never inside another transaction (which could still roll back): then it waits for the next turn.
 * Throws what SQLite throws, the writes still pending.
 */
export function flushWrites(db: Db): void {
  if (!dirty.has(db) || !db.$client.open) return;
  if (db.$client.inTransaction) {
    setImmediate(() => flushAtTurnEnd(db));
    return;
  }
  db.$client.transaction(() => {
    for (const w of writers) w.write(db);
  })();
  dirty.delete(db);
  for (const w of writers) w.written(db);
}

const isBusy = (err: unknown) =>
  /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown })?.code ?? ''));

/**
 * flushWrites before something that confirms updates (the next poll): while another process holds the database
 * past busy_timeout (a long import, say), waits and tries again every `retryMs` instead of failing the poll,
 * which would stop the bot. Other errors, and any once `signal` is aborted, are thrown.
 */
export async function flushWhenFree(
  db: Db,
  options: { signal?: AbortSignal; retryMs?: number; onWait?: (err: Error) => void } = {},
): Promise<void> {
  for (;;) {
    try {
      flushWrites(db);
      return;
    } catch (err) {
      if (!isBusy(err) || options.signal?.aborted) throw err;
      options.onWait?.(err as Error);
      await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 1000));
    }
  }
}
