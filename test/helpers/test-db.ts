import { type Db, openDatabase } from '../../src/db/client.js';

/** A fresh in-memory database with the real migrations applied. */
export function testDb(): Db {
  return openDatabase(':memory:');
}
