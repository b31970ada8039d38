import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPORT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'BENCHMARKS.md');

/** Replaces the `<!-- name:start -->…<!-- name:end -->` section of BENCHMARKS.md, or appends it; the rest is left alone. */
export function writeSection(name: string, body: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const text = `${start}\n${body.trim()}\n${end}`;
  const old = fs.existsSync(REPORT) ? fs.readFileSync(REPORT, 'utf8') : '';
  const a = old.indexOf(start);
  const b = old.indexOf(end, a);
  const next =
    a >= 0 && b >= 0
      ? old.slice(0, a) + text + old.slice(b + end.length)
      : `${old.trimEnd()}${old ? '\n\n' : ''}${text}\n`;
  fs.writeFileSync(REPORT, next);
}

/* What the benchmarks print alike. */

/** The q-quantile of sorted samples (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/** Milliseconds: one decimal under 10. */
export const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
/** A count with dots between thousands, as the tables write them. */
export const n = (x: number) => x.toLocaleString('en').replaceAll(',', '.');

/** The machine a result was measured on. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, ${os.platform()} ${os.arch()}`;
}

/** `--name value` from the command line. */
export function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
