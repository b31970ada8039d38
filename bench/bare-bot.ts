import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../test/helpers/bot-process.js';

/** A benchmark's `--name value` argument, or `fallback`. */
export const arg = (name: string, fallback: string) => {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
};

const telegrafUrl = pathToFileURL(
  createRequire(path.join(REPO_ROOT, 'package.json')).resolve('telegraf'),
).href;

/**
 * The bare bot the bot is measured beside (throughput, start-up): telegraf alone, one ctx.reply per update,
 * nothing else; an ES module's source, to write to a file and run with plain node.
 */
export const BARE_BOT = `
const { Telegraf } = await import(${JSON.stringify(telegrafUrl)});
const bot = new Telegraf(process.env.BOT_TOKEN, { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT } });
bot.on('message', (ctx) => ctx.reply('ok'));
bot.on('callback_query', (ctx) => ctx.reply('ok'));
bot.launch();
process.once('SIGTERM', () => bot.stop('SIGTERM'));
`;
