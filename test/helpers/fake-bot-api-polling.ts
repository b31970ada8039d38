/**
 * getUpdates as Telegram does it: updates stay until a later `offset` confirms them (so a bot that dies
 * mid-batch gets the batch again), a poll with `timeout` waits for the next update, and a second poller
 * ends the first with 409 Conflict.
 */
import type { ServerResponse } from 'node:http';
import type { Update } from 'telegraf/types';
import { ApiFailure } from './fake-bot-api-format.js';
import { type ApiCall, settle, writeAnswer } from './fake-bot-api-wire.js';
import type { NewUpdate } from './updates.js';

interface Poll {
  call: ApiCall;
  offset: number;
  limit: number;
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

const CONFLICT = new ApiFailure(
  409,
  'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
);
const num = (v: unknown, fallback: number) => (v === undefined || v === '' ? fallback : Number(v));

export class UpdateQueue {
  /** Updates not yet confirmed by a getUpdates offset. */
  pending: Update[] = [];
  /** The highest offset a getUpdates call has confirmed (0 until the first confirmation). */
  confirmedOffset = 0;
  private readonly polls = new Set<Poll>();
  private lastUpdateId = 100_000;

  /** The next `update_id`, for an update delivered another way (a webhook POST). */
  nextUpdateId(): number {
    return ++this.lastUpdateId;
  }

  /** Gives each update the next `update_id` and hands it to a waiting poll. */
  push(updates: NewUpdate[]): Update[] {
    const full = updates.map((u) => ({ ...u, update_id: ++this.lastUpdateId }) as Update);
    this.pending.push(...full);
    for (const poll of this.polls) {
      const ready = this.readyFor(poll.offset, poll.limit);
      if (ready.length > 0) this.answer(poll, ready);
    }
    return full;
  }

  /** Answers the call now, or holds it until an update arrives or its `timeout` passes. */
  getUpdates(call: ApiCall, res: ServerResponse): void {
    const offset = num(call.payload.offset, 0);
    const limit = Math.min(Math.max(num(call.payload.limit, 100), 1), 100);
    if (offset > this.confirmedOffset) {
      this.confirmedOffset = offset;
      this.pending = this.pending.filter((u) => u.update_id >= offset);
    }
    // A bot that just stopped or died may not have had its socket's close noticed yet: give it 50 ms.
    for (const older of this.polls) {
      clearTimeout(older.timer);
      older.timer = setTimeout(() => this.answer(older, CONFLICT), 50);
    }
    const timeout = num(call.payload.timeout, 0);
    const poll: Poll = {
      call,
      offset,
      limit,
      res,
      timer: setTimeout(() => this.answer(poll, []), timeout * 1000),
    };
    const ready = this.readyFor(offset, limit);
    if (ready.length > 0 || timeout <= 0) {
      this.answer(poll, ready);
      return;
    }
    this.polls.add(poll);
    res.on('close', () => this.forget(poll));
  }

  /** Ends every waiting poll with an empty batch. */
  releaseAll(): void {
    for (const poll of this.polls) this.answer(poll, []);
  }

  private readyFor(offset: number, limit: number): Update[] {
    return this.pending.filter((u) => u.update_id >= offset).slice(0, limit);
  }

  private answer(poll: Poll, result: Update[] | ApiFailure): void {
    this.forget(poll);
    settle(poll.call, result);
    writeAnswer(poll.res, result);
  }

  private forget(poll: Poll): void {
    clearTimeout(poll.timer);
    this.polls.delete(poll);
  }
}
