import { Telegram, TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { sendToChat } from '../../src/telegram/delivery.js';

/** A Telegram whose sendMessage records its payloads and answers from `answers` (an Error is thrown). */
function telegramAnswering(...answers: unknown[]) {
  const telegram = new Telegram('1:x');
  const sent: Record<string, unknown>[] = [];
  telegram.callApi = (async (_method: string, payload: Record<string, unknown>) => {
    sent.push(payload);
    const next = answers.shift();
    if (next instanceof Error) throw next;
    return { message_id: sent.length };
  }) as Telegram['callApi'];
  return { telegram, sent };
}

describe('sendToChat: a group with topics', () => {
  it('goes to the group’s topic', async () => {
    const { telegram, sent } = telegramAnswering();
    const topics = { of: () => 42, gone: () => undefined };
    await sendToChat(telegram, -100, 'Nhắc việc', {}, topics);
    expect(sent).toEqual([expect.objectContaining({ chat_id: -100, message_thread_id: 42 })]);
  });

  it('never sets a topic for a private chat', async () => {
    const { telegram, sent } = telegramAnswering();
    await sendToChat(telegram, 7, 'x', {}, { of: () => 42, gone: () => undefined });
    expect(sent[0]?.message_thread_id).toBeUndefined();
  });

  it('sends to the group itself, and forgets the topic, when the topic is gone', async () => {
    const gone = new TelegramError({ error_code: 400, description: 'Bad Request: message thread not found' });
    const { telegram, sent } = telegramAnswering(gone);
    const forgotten: number[] = [];
    const warned: object[] = [];
    await sendToChat(
      telegram,
      -100,
      'x',
      {},
      { of: () => 42, gone: (id) => forgotten.push(id) },
      { warn: (d) => warned.push(d) },
    );
    expect(sent.map((p) => p.message_thread_id)).toEqual([42, undefined]);
    expect(forgotten).toEqual([-100]);
    expect(warned).toHaveLength(1);
  });

  it('does not hide another refusal', async () => {
    const other = new TelegramError({ error_code: 400, description: 'Bad Request: chat not found' });
    const { telegram, sent } = telegramAnswering(other);
    await expect(sendToChat(telegram, -100, 'x', {}, { of: () => 42, gone: () => undefined })).rejects.toBe(
      other,
    );
    expect(sent).toHaveLength(1);
  });
});
