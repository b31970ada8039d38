import { Telegram } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { assertEveryPressAnswered } from '../../bench/presses.js';
import { FakeBotApi, TEST_TOKEN } from '../helpers/fake-bot-api.js';
import { user } from '../helpers/updates.js';

/* The throughput bench stops with an error unless the bot answered every press it was sent. */

describe('assertEveryPressAnswered (bench/presses.ts)', () => {
  it('throws listing a press the bot handled and never answered; passes once every press is answered', async () => {
    const api = new FakeBotApi();
    const telegram = new Telegram(TEST_TOKEN, { apiRoot: await api.start() });
    const alice = user(1001, 'Alice');
    await telegram.sendMessage(alice.id, 'Chọn', {
      reply_markup: { inline_keyboard: [[{ text: 'Có', callback_data: 'yes' }]] },
    });
    const message = api.lastSentTo(alice.id);
    if (!message) throw new Error('not sent');
    const first = api.clickButton(alice, alice.id, message, 'Có');
    const second = api.clickButton(alice, alice.id, message, 'Có');
    // A bot's two polls: the first takes both presses, the second confirms them.
    await telegram.getUpdates(0, 100, 0, undefined);
    await telegram.getUpdates(0, 100, second.updateId + 1, undefined);
    await telegram.answerCbQuery(first.queryId);

    await expect(assertEveryPressAnswered(api, 2, 50)).rejects.toThrow(
      new RegExp(`answered 1 of the 2 button presses[^]*press never answered: .*query ${second.queryId}`),
    );
    await telegram.answerCbQuery(second.queryId);
    await expect(assertEveryPressAnswered(api, 2, 50)).resolves.toBe(2);
    await api.stop();
  });
});
