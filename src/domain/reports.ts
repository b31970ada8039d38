/** A secretary corrects or deletes their own report within this many days of sending it. */
export const CHANGE_WINDOW_DAYS = 7;

export function canChangeReport(
  report: { createdBy: number; createdAt: Date },
  userId: number,
  now: Date,
): boolean {
  const age = now.getTime() - report.createdAt.getTime();
  return report.createdBy === userId && age >= 0 && age <= CHANGE_WINDOW_DAYS * 24 * 3600 * 1000;
}
