import { describe, expect, it } from 'vitest';
import { parseCommand, runCommand } from '../../src/cli/commands.js';
import { deadlineRules, documentDeadline } from '../../src/db/repositories/deadline-settings.js';
import { cliHarness } from '../helpers/cli-context.js';
import { seed } from '../helpers/world.js';

const run = (h: ReturnType<typeof cliHarness>, ...argv: string[]) =>
  runCommand(h.ctx, parseCommand(['deadline', ...argv]));

describe('cli deadline', () => {
  it('shows the defaults of docs/domain.md', async () => {
    const h = cliHarness();
    expect(await run(h, 'xem')).toBe(0);
    expect(h.out()).toContain(
      '• Kế hoạch hành động của TCCSĐ: 30 ngày sau hội nghị học tập đầu tiên về văn bản',
    );
    expect(h.out()).toContain('• Chương trình kiểm tra, giám sát: 31/01 hằng năm');
    expect(h.out()).toContain('• Tập huấn báo cáo viên: 30/09 hằng năm');
  });

  it('changes a rule, and refuses a bad one without changing anything', async () => {
    const h = cliHarness();
    expect(await run(h, 'dat', 'songay', '45')).toBe(0);
    expect(await run(h, 'dat', 'taphuan', '15/10')).toBe(0);
    expect(deadlineRules(h.db)).toMatchObject({ actionPlanDays: 45, reporterTraining: '10-15' });
    expect(await run(h, 'dat', 'kiemtra', '30/02')).toBe(2);
    expect(h.err()).toContain('"30/02" không phải ngày trong năm');
    expect(deadlineRules(h.db).inspection).toBe('01-31');
  });

  it('sets and removes a document’s own deadline', async () => {
    const h = cliHarness();
    seed(h.db);
    expect(await run(h, 'vanban', '57-nq/tw', '31/03/2026')).toBe(0);
    expect(h.out()).toContain('Đã đặt hạn kế hoạch hành động thực hiện 57-NQ/TW ngày 22/12/2024: 31/03/2026');
    expect(documentDeadline(h.db, 2)).toBe('2026-03-31');
    expect(await run(h, 'vanban', '57-NQ/TW', 'xoa')).toBe(0);
    expect(documentDeadline(h.db, 2)).toBeNull();
    expect(await run(h, 'vanban', '99-NQ/TW', '31/03/2026')).toBe(1);
    expect(h.err()).toContain('Không có văn bản số hiệu 99-NQ/TW');
  });
});
