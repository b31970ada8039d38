import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand, runCommand } from '../../src/cli/commands.js';
import { cliHarness } from '../helpers/cli-context.js';
import { readDocx } from '../helpers/docx-text.js';
import { seed } from '../helpers/world.js';

const run = async (h: ReturnType<typeof cliHarness>, ...argv: string[]) =>
  runCommand(h.ctx, parseCommand(argv));

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'summary-'));

describe('cli summary', () => {
  it('prints the summary and writes the Word document, with the place given', async () => {
    const h = cliHarness({ now: new Date('2026-03-05T02:00:00Z') });
    seed(h.db);
    const out = path.join(tempDir(), 'tk.docx');
    const code = await run(
      h,
      'summary',
      '--unit',
      'tu_tn',
      '--period',
      '2025-2026',
      '--out',
      out,
      '--place',
      'Hà Nội',
    );
    expect(code).toBe(0);
    expect(h.out()).toContain('📄 Tổng kết thực hiện Đề án 07-ĐA/TU giai đoạn 2025–2026');
    expect(h.out()).toContain(
      'Sau 2 năm thực hiện Đề án 07-ĐA/TU (giai đoạn 2025–2026), Tỉnh ủy Thái Nguyên',
    );
    expect(h.out()).toContain(`Đã ghi báo cáo tổng kết (Word) vào ${out}.`);
    const doc = await readDocx(fs.readFileSync(out));
    expect(doc.paragraphs).toContain('Hà Nội, ngày 05 tháng 03 năm 2026');
    expect(doc.tables.find((t) => t[0]?.[0] === 'TT')?.length).toBe(8);
  });

  it('writes tong-ket-<years>.docx by default and says what is wrong', async () => {
    const h = cliHarness({ now: new Date('2026-03-05T02:00:00Z') });
    seed(h.db);
    const cwd = process.cwd();
    process.chdir(tempDir());
    try {
      expect(await run(h, 'summary', '--unit', 'XA_THANHMAI')).toBe(0);
      expect(fs.existsSync('tong-ket-2026.docx')).toBe(true);
    } finally {
      process.chdir(cwd);
    }
    expect(await run(h, 'summary', '--period', '2022')).toBe(2);
    expect(h.err()).toContain('Cần mã đơn vị, ví dụ: summary --unit');
    expect(await run(h, 'summary', '--unit', 'XA_KHONGCO')).toBe(1);
    expect(h.err()).toContain('Không có đơn vị mã XA_KHONGCO');
    expect(await run(h, 'summary', '--unit', 'TU_TN', '--period', '2022-2019')).toBe(2);
    expect(h.err()).toContain('Khoảng năm 2022–2019 bị ngược');
  });
});
