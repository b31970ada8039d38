import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { R } from '../../src/bot/report-messages.js';

/*
 * docs/domain.md, "Vietnamese conventions": people are addressed as "đồng chí", never "bạn", in every text the
 * bot, the CLI and the web page show; and a committee is named once ("của Đảng ủy xã …", not "của cấp ủy Đảng ủy
 * xã …").
 */

const SOURCES = ['.ts', '.js', '.html'];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return SOURCES.includes(path.extname(e.name)) ? [p] : [];
  });
}

describe('how the bot addresses people', () => {
  it('never says "bạn" anywhere in src/ (messages, CLI, web texts, the web page)', () => {
    const bạn = /(^|[^\p{L}])bạn(?!\p{L})/iu;
    const hits = files('src').flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .normalize('NFC')
        .split('\n')
        .flatMap((line, i) => (bạn.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('names the committee whose inspection programme was saved once', () => {
    const saved = (body: 'cap_uy' | 'ubkt') =>
      R.inspection('created', 'Đảng ủy xã Thanh Mai', 2026, body, '2026-01-15');
    expect(saved('cap_uy')).toBe(
      '✅ Đã lưu chương trình kiểm tra, giám sát năm 2026 của Đảng ủy xã Thanh Mai, phê duyệt ngày 15/01/2026.',
    );
    expect(saved('ubkt')).toBe(
      '✅ Đã lưu chương trình kiểm tra, giám sát năm 2026 của UBKT Đảng ủy xã Thanh Mai, phê duyệt ngày 15/01/2026.',
    );
  });
});
