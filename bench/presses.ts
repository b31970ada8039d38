import type { FakeBotApi } from '../test/helpers/fake-bot-api.js';

/**
 * A bench's figures count only if the bot did its whole job: every button press it was sent answered, once, and
 * no call refused by Telegram's rules. Waits up to `graceMs` for answers that trail the last confirmation, then
 * returns how many presses were answered if the bot's successful answerCallbackQuery calls number the presses
 * sent and the fake Bot API found no problem (its problems(): refusals, presses never answered); throws listing
 * what it found otherwise.
 */
export async function assertEveryPressAnswered(
  api: FakeBotApi,
  sent: number,
  graceMs = 10_000,
): Promise<number> {
  await api.waitForAnswers(graceMs);
  const answered = api.callsOf('answerCallbackQuery').filter((c) => c.status === 'ok').length;
  const problems = api.problems();
  if (answered === sent && problems.length === 0) return answered;
  const shown = problems.slice(0, 10).map((p) => `  ${p}`);
  if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
  throw new Error(
    `The bot answered ${answered} of the ${sent} button presses it was sent; the fake Bot API found ${problems.length} problem(s):\n${shown.join('\n')}`,
  );
}
