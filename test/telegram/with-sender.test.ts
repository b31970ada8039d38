import { Telegram } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { Sender } from '../../src/telegram/sender.js';
import { withSender } from '../../src/telegram/with-sender.js';

describe('withSender', () => {
  it('routes calls carrying a chat_id through the sender, and leaves the others alone', async () => {
    const telegram = new Telegram('123:abc');
    const seen: string[] = [];
    telegram.callApi = (async (method: string) => {
      seen.push(method);
      return true;
    }) as unknown as Telegram['callApi'];
    const sender = new Sender({ perChatPerSecond: 0 });
    withSender(withSender(telegram, sender), sender);
    await telegram.sendMessage(5, 'hi');
    await telegram.editMessageText(5, 1, undefined, 'hi again');
    await telegram.getMe();
    await telegram.answerCbQuery('q1');
    await telegram.setMyCommands([]);
    expect(seen).toEqual(['sendMessage', 'editMessageText', 'getMe', 'answerCallbackQuery', 'setMyCommands']);
    // Wrapped once: the two chat calls went through the sender once each.
    expect(sender.stats.sent).toBe(2);
  });
});
