import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand, runCommand } from '../../src/cli/commands.js';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import { upsertUnits } from '../../src/db/repositories/units.js';
import { loadChoMoi } from '../helpers/cho-moi.js';
import { cliHarness } from '../helpers/cli-context.js';
import { readDocx } from '../helpers/docx-text.js';
import { seed } from '../helpers/world.js';

const run = async (h: ReturnType<typeof cliHarness>, ...argv: string[]) =>
  runCommand(h.ctx, parseCommand(argv));

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'summary-'));

describe('cli summary', () => {
  it('reads as the seed article for Chợ Mới 2017–2022, and lays it out as a Party document', async () => {
    const h = cliHarness({ now: new Date('2022-09-22T02:00:00Z') });
    await loadChoMoi(h.ctx);
    const out = path.join(tempDir(), 'tk.docx');
    const args = ['--unit', 'HU_CHOMOI', '--period', '2017-2022', '--out', out];
    const signer = ['--signer-position', 'pho bi thu', '--signer-name', 'Nguyễn Văn An'];
    expect(await run(h, 'summary', ...args, ...signer)).toBe(0);
    const text = h.out();
    expect(text).toContain(
      'Sau 5 năm thực hiện Đề án 07-ĐA/TU (giai đoạn 2017–2022), toàn huyện đã tổ chức 486 hội nghị học tập, ' +
        'quán triệt, tuyên truyền các nghị quyết, chỉ thị của Đảng cho hơn 39.000 lượt người tham dự (39.283 lượt, ' +
        'trong đó 38.394 lượt đảng viên, 889 lượt quần chúng); có 14/14 xã, phường, thị trấn có hệ thống loa ' +
        'truyền thanh để tuyên truyền; có 02 điểm cầu truyền hình trực tuyến cấp huyện, 14 điểm cầu truyền hình ' +
        'trực tuyến cấp xã để phục vụ hội nghị trực tuyến.',
    );
    expect(text).toContain(
      'Trong kỳ, toàn huyện đã khen thưởng 04 tập thể, 07 cá nhân tiêu biểu, điển hình vì có thành tích xuất sắc ' +
        'trong thực hiện Đề án 07-ĐA/TU.',
    );
    expect(text).not.toMatch(/Sau 6 năm|Huyện ủy Chợ Mới đã|đã lắp đặt|(?<![\d.])00 /);

    const doc = await readDocx(fs.readFileSync(out));
    const at = (p: string) => doc.paragraphs.indexOf(p);
    expect(at('HUYỆN ỦY CHỢ MỚI')).toBe(at('ĐẢNG BỘ TỈNH BẮC KẠN') + 1);
    expect(doc.paragraphs).toContain('Chợ Mới, ngày 22 tháng 9 năm 2022');
    expect(doc.paragraphs).toContain('- Tỉnh ủy Bắc Kạn (để báo cáo),');
    expect(doc.paragraphs).toContain('- Lưu Văn phòng Huyện ủy.');
    expect(doc.paragraphs).not.toContain('- Lưu Văn phòng cấp ủy.');
    expect(doc.paragraphs.slice(at('T/M BAN THƯỜNG VỤ'), at('T/M BAN THƯỜNG VỤ') + 2)).toEqual([
      'T/M BAN THƯỜNG VỤ',
      'PHÓ BÍ THƯ',
    ]);
    expect(at('Nguyễn Văn An')).toBeGreaterThan(at('PHÓ BÍ THƯ'));
    const table = doc.tables.find((t) => t[0]?.[0] === 'TT') ?? [];
    expect(table.slice(1).map((r) => r[5])).toEqual(['Đạt', 'Đạt', 'Đạt', 'Đạt', 'Đạt', 'Đạt', 'Đạt']);
  });

  it('signs as Bí thư by default, and refuses another position', async () => {
    const h = cliHarness({ now: new Date('2026-03-05T02:00:00Z') });
    seed(h.db);
    const out = path.join(tempDir(), 'tk.docx');
    expect(await run(h, 'summary', '--unit', 'TU_TN', '--out', out)).toBe(0);
    const { paragraphs } = await readDocx(fs.readFileSync(out));
    expect(paragraphs[paragraphs.indexOf('T/M BAN THƯỜNG VỤ') + 1]).toBe('BÍ THƯ');
    expect(paragraphs).toContain('- Lưu Văn phòng Tỉnh ủy.');
    expect(await run(h, 'summary', '--unit', 'TU_TN', '--signer-position', 'Chủ tịch')).toBe(2);
    expect(h.err()).toContain('"Chủ tịch" không phải chức vụ người ký');
  });

  it('dates a grassroots organisation’s report at its locality, not at its own name', async () => {
    const h = cliHarness({ now: new Date('2026-03-05T02:00:00Z') });
    seed(h.db);
    const unit = (code: string, name: string, kind: 'co_so' | 'chi_bo', parentCode: string) => ({
      code,
      name,
      kind,
      parentCode,
      validFrom: '2025-07-01',
      validTo: null,
      successorCode: null,
    });
    upsertUnits(
      h.db,
      [
        unit('DU_BVDK', 'Đảng ủy Bệnh viện Đa khoa tỉnh', 'co_so', 'TU_TN'),
        unit('CB_BVDK_NOI', 'Chi bộ Khoa Nội', 'chi_bo', 'DU_BVDK'),
        unit('CB_THANHMAI_NABAY', 'Chi bộ thôn Nà Bay', 'chi_bo', 'XA_THANHMAI'),
      ],
      CLI_ACTOR,
      h.ctx.now,
    );
    const dateLineOf = async (code: string) => {
      const out = path.join(tempDir(), 'tk.docx');
      expect(await run(h, 'summary', '--unit', code, '--out', out)).toBe(0);
      return (await readDocx(fs.readFileSync(out))).paragraphs.find((p) => p.includes(', ngày 05 tháng 3'));
    };
    expect(await dateLineOf('DU_BVDK')).toBe('Thái Nguyên, ngày 05 tháng 3 năm 2026');
    expect(await dateLineOf('CB_BVDK_NOI')).toBe('Thái Nguyên, ngày 05 tháng 3 năm 2026');
    expect(await dateLineOf('CB_THANHMAI_NABAY')).toBe('Thanh Mai, ngày 05 tháng 3 năm 2026');
    expect(h.out()).toContain('toàn Đảng bộ Bệnh viện Đa khoa tỉnh chưa báo cáo hội nghị');
  });

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
    expect(h.out()).toContain('Sau 2 năm thực hiện Đề án 07-ĐA/TU (giai đoạn 2025–2026), toàn tỉnh');
    expect(h.out()).toContain(`Đã ghi báo cáo tổng kết (Word) vào ${out}.`);
    const doc = await readDocx(fs.readFileSync(out));
    expect(doc.paragraphs).toContain('Hà Nội, ngày 05 tháng 3 năm 2026');
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
