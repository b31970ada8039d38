import type { ChatId } from './errors.js';
import { Window } from './window.js';

export interface Job {
  method: string;
  call: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  failures: number;
  rateLimits: number;
  /** Tried again once after going out unanswered (errors.ts, NoAnswerError): never a second time. */
  retriedUnanswered?: boolean;
}

/** Calls that make or change a message count against the limits; chat actions and reads do not. */
const LIMITED = /^(send|edit|copy|forward|stop)/;
export const isLimited = (method: string) => LIMITED.test(method) && method !== 'sendChatAction';

/** One chat's calls, in order, with its own windows; at most one of them in flight. */
export class ChatQueue {
  readonly jobs: Job[] = [];
  busy = false;
  pausedUntil = 0;
  readonly second: Window;
  readonly minute: Window;
  /** Average time one more message here takes, by the chat's own limits alone (0: no limit of its own). */
  private readonly msPerMessage: number;

  constructor(
    readonly id: ChatId,
    perChatPerSecond: number,
    perGroupPerMinute: number,
  ) {
    const group = typeof id === 'string' || id < 0;
    this.second = new Window(perChatPerSecond, 1000);
    this.minute = new Window(group ? perGroupPerMinute : 0, 60_000);
    this.msPerMessage = Math.max(
      perChatPerSecond ? 1000 / perChatPerSecond : 0,
      group && perGroupPerMinute ? 60_000 / perGroupPerMinute : 0,
    );
  }

  /** When the head call may go as far as this chat is concerned (the global window is the sender's). */
  readyAt(now: number): number {
    const head = this.jobs[0];
    if (!head || !isLimited(head.method)) return this.pausedUntil;
    return Math.max(this.pausedUntil, this.second.freeAt(now), this.minute.freeAt(now));
  }

  /** How long this chat's queue takes to go out at its own limits: the least time it can take. */
  get chainMs(): number {
    return this.jobs.length * this.msPerMessage;
  }

  idle(now: number): boolean {
    return (
      !this.busy &&
      this.jobs.length === 0 &&
      this.pausedUntil <= now &&
      this.second.idle(now) &&
      this.minute.idle(now)
    );
  }
}
