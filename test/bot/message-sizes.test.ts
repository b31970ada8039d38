import { describe, expect, it } from 'vitest';
import { M } from '../../src/bot/messages.js';
import { CLI_ACTOR } from '../../src/db/repositories/audit.js';
import type { SavedConferenceReport } from '../../src/db/repositories/conference-reports.js';
import { evaluate, INDICATORS, type RawIndicators } from '../../src/domain/indicators.js';
import { MESSAGE_MAX } from '../../src/domain/pages.js';
import { type CounterFigures, progressMessage } from '../../src/domain/progress-format.js';
import { summaryMessage, summaryText } from '../../src/domain/summary-text.js';
import { deadlineCommand } from '../../src/services/deadlines.js';
import { programmeCommand } from '../../src/services/programmes.js';
import { DE_AN_07_TARGETS } from '../helpers/indicator-fixtures.js';
import { testDb } from '../helpers/test-db.js';

/*
 * The messages whose shape is fixed, at their worst (docs/architecture.md, "Messages that fit"): a unit name as long
 * as an import allows (200 characters), figures of a whole country, every indicator with data, every level of
 * bridge point, dozens of documents on a report. None of them needs pages; each stays one message.
 */

const LONGEST_NAME = `Đảng ủy ${'Khối các cơ quan và doanh nghiệp '.repeat(6)}`.slice(0, 200);
const HUGE: RawIndicators = Object.fromEntries(
  INDICATORS.map((k) => [k, { num: 987_654_321, den: 999_999_999 }]),
) as RawIndicators;
const COUNTRY: CounterFigures = {
  conferences: 9_876_543,
  membersPresent: 987_654_321,
  nonMemberAttendances: 987_654_321,
  communes: 3_321,
  communesWithLoudspeaker: 3_320,
  bridgePoints: { tinh: 34, huyen: 705, xa: 3_321, co_so: 55_555, chi_bo: 123_456 },
  collectives: 98_765,
  individuals: 987_654,
};
const results = evaluate(HUGE, DE_AN_07_TARGETS);

const report = (documents: number): SavedConferenceReport =>
  ({
    id: 9_999_999,
    heldOn: '2026-12-31',
    unitName: LONGEST_NAME,
    documentCodes: Array.from({ length: documents }, (_, i) => `${i + 1}-NQ/TW`),
    present: 987_654,
    eligible: 999_999,
  }) as SavedConferenceReport;

describe('fixed-shape messages at their worst', () => {
  it('/tongket: one message over 2017–2022 for a country with a long name', () => {
    const text = summaryMessage(
      summaryText({
        programmeCode: '07-ĐA/TU',
        programmeStart: 2017,
        subject: `toàn ${LONGEST_NAME}`,
        span: { from: 2017, to: 2022 },
        results,
        counters: COUNTRY,
      }),
      LONGEST_NAME,
    );
    expect(text.length).toBeLessThan(MESSAGE_MAX * 0.75);
  });

  it('/tiendo overview: one message', () => {
    const text = progressMessage({
      programme: 'Đề án 07-ĐA/TU',
      unitName: LONGEST_NAME,
      period: 'giai đoạn 2017–2022',
      results,
      counters: COUNTRY,
    });
    expect(text.length).toBeLessThan(MESSAGE_MAX / 2);
  });

  it('a group notice and a /danhsach line cut a report’s documents, not the message', () => {
    const notice = M.groupNotice(report(500));
    expect(notice.length).toBeLessThan(700);
    expect(notice).toContain('…): 98,8% (987.654/999.999) đảng viên tham dự.');
    const line = M.list.line(report(500));
    expect(line.length).toBeLessThanOrEqual(340);
    expect(line).toMatch(/… · 98,8% \(987\.654\/999\.999\)$/);
    // Ten lines, the header (many units) and the footer: one message.
    const header = M.list.header(Array.from({ length: 40 }, () => LONGEST_NAME).join(', '));
    expect([header, ...Array(10).fill(line), '', M.list.footer].join('\n').length).toBeLessThan(MESSAGE_MAX);
  });

  it('/hanchot and /dean quote a long argument in a few words', () => {
    const db = testDb();
    const long = `A${'0'.repeat(4000)}`;
    const now = new Date('2026-01-01T00:00:00Z');
    for (const args of [
      ['dat', long, '31/01'],
      ['dat', 'kiemtra', long],
      ['vanban', long, '31/12/2026'],
    ])
      expect(deadlineCommand(db, args, CLI_ACTOR, now).text.length).toBeLessThan(200);
    expect(programmeCommand(db, ['muctieu', long, '2', '90'], CLI_ACTOR, now).text.length).toBeLessThan(200);
  });
});
