import { Telegram } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { callingThrough, throughSender } from '../../src/telegram/calls.js';
import { fitted, TooLongError } from '../../src/telegram/limits.js';
import { Sender } from '../../src/telegram/sender.js';

const long = 'x'.repeat(4097);

/** A Telegram client whose calls are recorded, never sent. */
function recorded(sender: Sender) {
  const calls: { method: string; payload: Record<string, unknown> }[] = [];
  const api = async (method: string, payload: unknown) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    return true;
  };
  return {
    telegram: callingThrough(new Telegram('1:abcdefghijklmnopqrstuvwxyz'), throughSender(sender, api)),
    calls,
  };
}

describe('Telegram size rules before a call leaves', () => {
  it('fails an over-long text at once when strict (tests), and nothing reaches Telegram', async () => {
    const { telegram, calls } = recorded(new Sender({ perSecond: 0, perChatPerSecond: 0 }));
    await expect(telegram.sendMessage(1, long)).rejects.toBeInstanceOf(TooLongError);
    await expect(telegram.sendMessage(1, 'x'.repeat(4096))).resolves.toBe(true);
    expect(calls.map((c) => (c.payload.text as string).length)).toEqual([4096]);
  });

  it('in service sends the short fallback instead, and logs the error once', async () => {
    const logged: object[] = [];
    const sender = new Sender({
      perSecond: 0,
      perChatPerSecond: 0,
      sizes: { strict: false, fallback: 'Quá dài.', logger: { error: (d) => logged.push(d) } },
    });
    const { telegram, calls } = recorded(sender);
    await telegram.sendMessage(5, long, { reply_markup: { inline_keyboard: [] } });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.payload.text).toBe('Quá dài.');
    expect(calls[0]?.payload.reply_markup).toEqual({ inline_keyboard: [] });
    expect(logged).toEqual([{ method: 'sendMessage', field: 'text', length: 4097, max: 4096 }]);
  });

  it('checks captions (1024) and press notices (200, cut rather than replaced)', () => {
    const policy = { strict: false, fallback: 'Quá dài.' };
    expect(() => fitted('sendPhoto', { caption: 'c'.repeat(1025) }, { ...policy, strict: true })).toThrow(
      /caption of 1025 characters passes Telegram's limit of 1024/,
    );
    const notice = fitted('answerCallbackQuery', { text: 'n'.repeat(250) }, policy) as { text: string };
    expect(notice.text).toHaveLength(200);
    expect(notice.text.endsWith('…')).toBe(true);
    expect(fitted('sendMessage', { text: 'ngắn' }, policy)).toEqual({ text: 'ngắn' });
  });
});
