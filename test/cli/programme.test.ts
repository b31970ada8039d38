import { describe, expect, it } from 'vitest';
import { parseCommand, runCommand } from '../../src/cli/commands.js';
import { programmeForYear, programmeTargetsOf } from '../../src/db/repositories/programmes.js';
import { cliHarness } from '../helpers/cli-context.js';

const run = async (h: ReturnType<typeof cliHarness>, ...argv: string[]) =>
  runCommand(h.ctx, parseCommand(argv));

describe('cli programme', () => {
  it('lists the default Đề án 07-ĐA/TU with its seven targets', async () => {
    const h = cliHarness();
    expect(await run(h, 'programme', 'list')).toBe(0);
    expect(h.out()).toContain('07-ĐA/TU (2017–2022)');
    expect(h.out()).toContain('  1. Học tập trực tuyến đến xã: 100%');
    expect(h.out()).toContain('  3. Nhân dân biết nghị quyết: 80%');
  });

  it('adds a programme, sets a target, and /tiendo then uses it for its years', async () => {
    const h = cliHarness();
    expect(await run(h, 'programme', 'add', '12-ĐA/TU', '2023-2027', 'Đề án 12', 'mới')).toBe(0);
    expect(await run(h, 'programme', 'target', '12-ĐA/TU', '2', '95')).toBe(0);
    expect(h.out()).toContain('Đề án 12-ĐA/TU: mục tiêu "Đảng viên học tập" là 95%.');
    const p = programmeForYear(h.db, 2025);
    expect(p?.name).toBe('Đề án 12 mới');
    expect(programmeTargetsOf(h.db, p?.id ?? 0)).toEqual({ members_study: 0.95 });
    expect(programmeForYear(h.db, 2020)?.code).toBe('07-ĐA/TU');
  });

  it('says what is wrong, and changes nothing', async () => {
    const h = cliHarness();
    expect(await run(h, 'programme', 'target', '07-ĐA/TU', '9', '95')).toBe(2);
    expect(h.err()).toContain('"9" không phải chỉ tiêu');
    expect(await run(h, 'programme', 'target', 'KHONG-CO', '2', '95')).toBe(1);
    expect(h.err()).toContain('Không có đề án mã KHONG-CO');
    expect(await run(h, 'programme', 'add', 'X', '2027-2023', 'Tên')).toBe(2);
    expect(programmeTargetsOf(h.db, programmeForYear(h.db, 2020)?.id ?? 0).members_study).toBe(0.9);
  });
});
