/** Event-driven waiting for the fake Bot API, with failure messages that show what did happen. */
import type { EventEmitter } from 'node:events';
import { buttons } from './fake-bot-api-chats.js';
import type { ApiCall } from './fake-bot-api-wire.js';
import type { SentMessage } from './updates.js';

/**
 * Resolves with the first defined `probe()` value, probing now and on every 'change' event;
 * rejects after `timeoutMs` or on 'stop', with `describe()` in the message.
 */
export function waitUntil<T>(
  events: EventEmitter,
  probe: () => T | undefined,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const found = probe();
  if (found !== undefined) return Promise.resolve(found);
  return new Promise<T>((resolve, reject) => {
    const fail = (why: string) => {
      done();
      reject(new Error(`${why} waiting for ${describe()}`));
    };
    const onChange = () => {
      const value = probe();
      if (value === undefined) return;
      done();
      resolve(value);
    };
    const onStop = () => fail('Fake Bot API stopped while');
    const timer = setTimeout(() => fail(`Timed out after ${timeoutMs} ms`), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      events.off('change', onChange).off('stop', onStop);
    };
    events.on('change', onChange).on('stop', onStop);
  });
}

/** The last calls (getUpdates summarised), one line each: what was asked and how it was answered. */
export function describeCalls(calls: ApiCall[], confirmedOffset: number, last = 15): string {
  const polls = calls.filter((c) => c.method === 'getUpdates').length;
  const lines = calls
    .filter((c) => c.method !== 'getUpdates')
    .slice(-last)
    .map((c) => {
      const { chat_id, text, caption, data } = c.payload;
      const shown = JSON.stringify(text ?? caption ?? data ?? '').slice(0, 120);
      const outcome = c.error ? `${c.error.error_code} ${c.error.description}` : c.status;
      return `  #${c.seq} ${c.method} chat=${String(chat_id ?? '-')} ${shown} → ${outcome}`;
    });
  return [...lines, `  (+ ${polls} getUpdates; confirmed offset ${confirmedOffset})`].join('\n');
}

export function describeMessages(messages: SentMessage[]): string {
  const lines = messages.map((m) => {
    const labels = buttons(m).map((b) => `[${b.text}]`);
    return `  ${m.message_id}: ${JSON.stringify(m.text ?? m.caption ?? '')} ${labels.join(' ')}`;
  });
  return lines.join('\n') || '  (no messages)';
}
