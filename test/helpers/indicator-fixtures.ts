import type { IndicatorKey, RawIndicators } from '../../src/domain/indicators.js';

/** Đề án 07-ĐA/TU's seven targets, as the migration seeds them. */
export const DE_AN_07_TARGETS: Record<IndicatorKey, number> = {
  online_reach: 1,
  members_study: 0.9,
  people_aware: 0.8,
  reporters_trained: 1,
  action_plans: 1,
  personal_plans: 0.9,
  inspection: 1,
};

/** A district's five years in the seed article's shape (14 communes; no awareness survey), with changes. */
export const sampleRaw = (over: Partial<RawIndicators> = {}): RawIndicators => ({
  online_reach: { num: 14, den: 14 },
  members_study: { num: 3_902, den: 4_000 },
  people_aware: { num: 0, den: 0 },
  reporters_trained: { num: 9, den: 10 },
  action_plans: { num: 14, den: 14 },
  personal_plans: { num: 90, den: 100 },
  inspection: { num: 28, den: 28 },
  ...over,
});
