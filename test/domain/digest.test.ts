import { describe, expect, it } from 'vitest';
import type { DueItem } from '../../src/domain/deadlines.js';
import { type DigestSection, fitDigest } from '../../src/domain/digest.js';
import { dueBlocks } from '../../src/domain/due-list.js';
import { MESSAGE_MAX } from '../../src/domain/pages.js';

const TODAY = '2026-12-02';

/** A unit late on its two inspection programmes and `plans` action plans. */
function section(unitId: number, plans: number, deadline = '2026-01-31'): DigestSection {
  const inspection = (body: 'cap_uy' | 'ubkt'): DueItem => ({
    kind: 'inspection',
    unitId,
    year: 2026,
    body,
    deadline,
  });
  return {
    unitId,
    unitName: `Đảng ủy xã số ${unitId}`,
    entries: [
      { item: inspection('cap_uy'), title: 'Chương trình kiểm tra, giám sát năm 2026 của cấp ủy' },
      { item: inspection('ubkt'), title: 'Chương trình kiểm tra, giám sát năm 2026 của UBKT' },
      ...Array.from({ length: plans }, (_, d) => ({
        item: { kind: 'action_plan' as const, unitId, documentId: d + 1, deadline: '2026-03-01' },
        title: `Chương trình, kế hoạch hành động thực hiện ${d + 1}-NQ/TW`,
      })),
    ],
  };
}

describe('a digest that fits one message', () => {
  it('keeps a short digest whole', () => {
    const { text, summarised } = fitDigest([{ header: '🔔 Nhắc việc:', sections: [section(1, 1)] }], TODAY);
    expect(summarised).toBe(false);
    expect(text).toContain('Đảng ủy xã số 1:\n⏰ Chương trình kiểm tra, giám sát năm 2026 của cấp ủy');
  });

  it('summarises the nation (3.321 communes × 80 documents) within 4.096 characters, worst units first', () => {
    const sections = Array.from({ length: 3321 }, (_, i) =>
      section(i + 1, 80, i === 2000 ? '2025-01-31' : undefined),
    );
    const { text, summarised } = fitDigest(
      [{ header: '📣 Đơn vị trực thuộc chậm quá 7 ngày:', sections }],
      TODAY,
    );
    expect(summarised).toBe(true);
    expect(text.length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(text).toMatch(/^📣 Đơn vị trực thuộc chậm quá 7 ngày: 272\.322 việc của 3\.321 đơn vị\./);
    expect(text).toContain(
      '• Chương trình, kế hoạch hành động thực hiện nghị quyết, chỉ thị: 3.321 đơn vị (265.680 việc)',
    );
    expect(text).toContain('\n1. Đảng ủy xã số 2001 — 82 việc, quá hạn nhất 670 ngày\n');
    expect(text).toMatch(/\n… và 3\.311 đơn vị khác: bấm nút bên dưới để xem từng trang\.$/);
  });

  it('gives each of two long parts half the message', () => {
    const many = Array.from({ length: 500 }, (_, i) => section(i + 1, 3));
    const { text } = fitDigest(
      [
        { header: '🔔 Nhắc việc:', sections: many },
        { header: '📣 Chậm:', sections: many },
      ],
      TODAY,
    );
    expect(text.length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(text).toContain('🔔 Nhắc việc: 2.500 việc của 500 đơn vị.');
    expect(text).toContain('📣 Chậm: 2.500 việc của 500 đơn vị.');
  });
});

describe('a unit with more items than a page', () => {
  it('goes on over several blocks headed "(tiếp)", every item kept', () => {
    const blocks = dueBlocks([section(7, 80)], TODAY, 3900);
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) expect(b.text.length).toBeLessThanOrEqual(3900);
    expect(blocks[1]?.text.startsWith('Đảng ủy xã số 7 (82): (tiếp)\n')).toBe(true);
    expect(
      blocks
        .map((b) => b.text)
        .join('\n')
        .match(/\n⏰ /g),
    ).toHaveLength(82);
  });
});
