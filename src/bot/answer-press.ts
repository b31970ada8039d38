import type { BotContext } from './context.js';

/*
 * Every button press is answered, exactly once. Telegram's clients show a progress indicator on the button until
 * answerCallbackQuery is called, and the Bot API calls the answer necessary even when there is nothing to say
 * (docs/architecture.md, "Button presses"). A handler answers when it has something to say (a notice, a refusal
 * as an alert); otherwise the press is answered empty once its handler is done, also when the handler failed.
 */

type AnswerArgs = Parameters<BotContext['answerCbQuery']>;

export async function answeringThePress(ctx: BotContext, handle: () => Promise<unknown>): Promise<void> {
  let answered = false;
  const answer = ctx.answerCbQuery.bind(ctx);
  // A second answer would be refused by Telegram ("query is too old … or query ID is invalid"): the first one stands.
  ctx.answerCbQuery = (async (...args: AnswerArgs) => {
    if (answered) return true;
    answered = true;
    return answer(...args);
  }) as BotContext['answerCbQuery'];
  try {
    await handle();
  } finally {
    if (!answered)
      await ctx.answerCbQuery().catch((err: unknown) => {
        // An answer past Telegram's window only loses the spinner's early end; the handler's work is done.
        ctx.deps.logger.info(
          { update: ctx.update.update_id, error: err instanceof Error ? err.message : String(err) },
          'button press answered too late',
        );
      });
  }
}
