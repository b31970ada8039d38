import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { backupDatabase } from '../../db/backup.js';
import type { Db } from '../../db/client.js';
import { addDaysIso, isoDateIn } from '../../domain/vn.js';

/*
 * The daily backup: a checked copy named by the office's date, then the copies older than the retention
 * deleted. Only files this job names (`bot-YYYY-MM-DD.sqlite`) are ever deleted, whatever else is in the folder.
 */

export interface BackupJobDeps {
  db: Db;
  dir: string;
  /** Days of copies kept, today's included; 0 keeps every copy. */
  keepDays: number;
  timeZone: string;
  logger: Logger;
}

export interface BackupRun {
  file: string;
  bytes: number;
  reports: number;
  ms: number;
  deleted: string[];
}

const OWN = /^bot-(\d{4}-\d{2}-\d{2})\.sqlite$/;

export const backupFileName = (day: string) => `bot-${day}.sqlite`;

export const hasBackupFor = (dir: string, day: string) => fs.existsSync(path.join(dir, backupFileName(day)));

/** When the newest of this job's copies in `dir` was written; null when there is none (/healthz, the doctor). */
export function lastBackupIn(dir: string): Date | null {
  if (!fs.existsSync(dir)) return null;
  let newest: Date | null = null;
  for (const name of fs.readdirSync(dir)) {
    if (!OWN.test(name)) continue;
    const s = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
    if (s?.isFile() && (!newest || s.mtime > newest)) newest = s.mtime;
  }
  return newest;
}

/** Deletes this job's copies dated `keepDays` or more days before `today`; returns their names. */
export function pruneBackups(dir: string, today: string, keepDays: number): string[] {
  if (keepDays <= 0 || !fs.existsSync(dir)) return [];
  const cutoff = addDaysIso(today, -keepDays);
  const deleted: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const day = OWN.exec(name)?.[1];
    if (!day || day > cutoff || !fs.statSync(path.join(dir, name)).isFile()) continue;
    fs.rmSync(path.join(dir, name));
    deleted.push(name);
  }
  return deleted;
}

export async function runBackup(deps: BackupJobDeps, now: Date): Promise<BackupRun> {
  const today = isoDateIn(now, deps.timeZone);
  const file = path.join(deps.dir, backupFileName(today));
  const started = performance.now();
  const { bytes, reports } = backupDatabase(deps.db, file);
  const ms = Math.round(performance.now() - started);
  const deleted = pruneBackups(deps.dir, today, deps.keepDays);
  deps.logger.info({ file, bytes, reports, ms, deleted }, 'database backed up');
  return { file, bytes, reports, ms, deleted };
}
