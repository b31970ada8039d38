import { describe, expect, it } from 'vitest';
import { commandIn } from '../../src/bot/create-bot.js';

const message = (text: string, entity?: { offset: number; length: number; type?: string }) => ({
  message_id: 1,
  date: 0,
  chat: { id: 5, type: 'private' as const, first_name: 'Lan' },
  text,
  ...(entity ? { entities: [{ type: 'bot_command', ...entity }] } : {}),
});

describe('commandIn (how the router reads a command, as telegraf bot.command did)', () => {
  it('reads the command and the text after it', () => {
    expect(commandIn(message('/tiendo 2025 quý 3', { offset: 0, length: 7 }), 'test_bot')).toEqual({
      name: 'tiendo',
      payload: '2025 quý 3',
    });
    expect(commandIn(message('/start ABCD1234', { offset: 0, length: 6 }), 'test_bot')).toEqual({
      name: 'start',
      payload: 'ABCD1234',
    });
    expect(commandIn(message('/baocao', { offset: 0, length: 7 }), 'test_bot')).toEqual({
      name: 'baocao',
      payload: '',
    });
  });

  it("takes /cmd@name only when name is this bot's, in any case", () => {
    expect(commandIn(message('/lienket@Test_Bot', { offset: 0, length: 17 }), 'test_bot')?.name).toBe(
      'lienket',
    );
    expect(commandIn(message('/lienket@other_bot', { offset: 0, length: 18 }), 'test_bot')).toBeNull();
  });

  it('ignores text without a bot_command entity at its start', () => {
    expect(commandIn(message('/tiendo'), 'test_bot')).toBeNull();
    expect(commandIn(message('xem /tiendo', { offset: 4, length: 7 }), 'test_bot')).toBeNull();
    expect(commandIn(message('/tiendo', { offset: 0, length: 7, type: 'mention' }), 'test_bot')).toBeNull();
    expect(commandIn({ message_id: 1, date: 0, photo: [] }, 'test_bot')).toBeNull();
  });
});
