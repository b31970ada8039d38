import fs from 'node:fs';
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
