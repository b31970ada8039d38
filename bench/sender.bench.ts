import os from 'node:os';
import path from 'node:path';
import { Telegram } from 'telegraf';
import { botApi } from '../src/telegram/bot-api.js';
import { callingThrough, throughSender } from '../src/telegram/calls.js';
import { Sender } from '../src/telegram/sender.js';
import { FakeBotApi } from '../test/helpers/fake-bot-api.js';
import { REPORT, writeSection } from './sections.js';

/*
 * `npm run bench` (after /tiendo): the Sender pushing a reminder-sized burst, 1.500 messages to 500 private chats
 * (three each) and 10 to each of 3 groups, through the bot's Bot API client (undici) to the loopback fake Bot API enforcing Telegram's
 * limits (30/s overall, 1/s per chat, 20/min per group; it answers 429 beyond them). The same burst sent
 * without the Sender shows what it saves. Writes only between the sender markers in BENCHMARKS.md.
 *
 *   npx tsx bench/sender.bench.ts [--chats n] [--no-write]    (other bench flags are accepted and ignored)
 */

const LIMITS = { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 };

interface Run {
  messages: number;
  seconds: number;
  rateLimited: number;
  /** When every private chat had its first message (the groups were queued first). */
  allReachedS: number;
  inOrder: boolean;
}

async function burst(chats: number, viaSender: boolean): Promise<Run> {
  const api = new FakeBotApi();
  const http = botApi({ token: api.token, apiRoot: await api.start() });
  api.enforceRateLimits(LIMITS);
  const calls = viaSender ? throughSender(new Sender(LIMITS), http.call) : http.call;
  const telegram = callingThrough(new Telegram(api.token), calls);
  const groups = [-1001, -1002, -1003];
  const jobs: [number, string][] = [
    ...groups.flatMap((g) => Array.from({ length: 10 }, (_, i): [number, string] => [g, `g${i}`])),
    ...Array.from({ length: chats }, (_, c) =>
      [1, 2, 3].map((i): [number, string] => [10_000 + c, `m${i}`]),
    ).flat(),
  ];
  const firstAt = new Map<number, number>();
  let delivered = 0;
  const t0 = performance.now();
  await Promise.all(
    jobs.map(([chat, text]) =>
      telegram.sendMessage(chat, text).then(
        () => {
          delivered++;
          if (!firstAt.has(chat)) firstAt.set(chat, performance.now() - t0);
        },
        () => undefined,
      ),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const rateLimited = api.calls.filter((c) => c.error?.error_code === 429).length;
  const privates = [...firstAt].filter(([chat]) => chat > 0).map(([, at]) => at);
  const inOrder = [...firstAt.keys()].every((chat) => {
    const texts = api.sentTo(chat).map((m) => m.text);
    return texts.every((t, i) => i === 0 || String(texts[i - 1]) < String(t));
  });
  await http.close();
  await api.stop();
  return { messages: delivered, seconds, rateLimited, allReachedS: Math.max(...privates) / 1000, inOrder };
}

const machine = () =>
  `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}`;
const f1 = (x: number) => x.toFixed(1);

function section(chats: number, withIt: Run, without: Run, when: Date): string {
  const row = (name: string, r: Run, delivered: string) =>
    `| ${name} | ${r.messages} | ${delivered} | ${f1(r.seconds)} | ${f1(r.messages / r.seconds)} | ${r.rateLimited} |`;
  const total = chats * 3 + 30;
  return `## Sending: the Sender against Telegram's limits

\`\`\`sh
npm run bench                          # after /tiendo
npx tsx bench/sender.bench.ts          # only this one; --chats <n>; --no-write to leave this file alone
\`\`\`

${total} messages queued at once, as a reminder sweep does: 10 to each of 3 groups first, then 3 to each of
${chats} private chats, through the bot's Bot API client (undici) to the loopback fake Bot API enforcing Telegram's limits (30/s overall,
1/s per chat, 20/min per group; it answers 429 beyond them). The Sender has the same limits (the defaults).

Run on ${when.toISOString().slice(0, 10)}: ${machine()}.

| sent | messages delivered | of ${total} | seconds | messages/s (limit 30) | 429s |
|---|---:|---:|---:|---:|---:|
${row('through the Sender', withIt, withIt.messages === total ? 'all' : 'some lost')}
${row('all at once, no Sender', without, `${total - without.messages} lost`)}

Through the Sender every private chat had its first message after ${f1(withIt.allReachedS)} s, and each chat's
messages arrived in order: ${withIt.inOrder ? 'yes' : 'NO'}. Chats take turns; a group whose own limit (1/s) would
make it finish long after everyone else goes whenever it may instead. Calls are spread 33 ms apart, and a slot
counts from sending until one second after the answer, so network jitter cannot put 31 calls into any second at
Telegram: the ceiling is 30 per (1 s + round trip), about 27/s at a 100 ms round trip to Telegram.`;
}

async function main() {
  const args = process.argv.slice(2);
  const i = args.indexOf('--chats');
  const chats = i >= 0 ? Number(args[i + 1]) : 500;
  console.log(`Machine: ${machine()}`);
  const without = await burst(chats, false);
  console.log(
    `  no Sender: ${without.messages} delivered, ${without.rateLimited} × 429 in ${f1(without.seconds)} s`,
  );
  const withIt = await burst(chats, true);
  console.log(
    `  Sender: ${withIt.messages} in ${f1(withIt.seconds)} s = ${f1(withIt.messages / withIt.seconds)}/s, ${withIt.rateLimited} × 429`,
  );
  if (!args.includes('--no-write')) {
    writeSection('sender', section(chats, withIt, without, new Date()));
    console.log(`Wrote the sender section of ${path.relative(process.cwd(), REPORT)}.`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
