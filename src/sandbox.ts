import './load-env-file.js';
import pino from 'pino';
import { processClock } from './clock.js';
import { ConfigError, loadCliConfig } from './config.js';
import { NewerDatabaseError } from './db/migrate-safely.js';
import { tightenUmask } from './ops/files.js';
import { startSandbox } from './web/sandbox.js';

/*
 * `npm run sandbox [database]`: the web page with the demo data and no Telegram, to try the bot in a browser.
 * Database: the argument, or ./data/sandbox.sqlite (never the bot's own DATABASE_PATH). Port: WEB_PORT or 8080.
 */

const ROLE = { bi_thu: 'bí thư', lanh_dao: 'lãnh đạo', quan_tri: 'quản trị' } as const;

async function main(): Promise<void> {
  tightenUmask();
  let config: ReturnType<typeof loadCliConfig>;
  try {
    config = loadCliConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  const logger = pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
  const sandbox = await startSandbox({
    databasePath: process.argv[2] ?? './data/sandbox.sqlite',
    host: config.WEB_HOST,
    port: config.WEB_PORT ?? 8080,
    logger,
    timeZone: config.TIMEZONE,
    now: processClock(config.CLOCK_START),
    trustProxy: config.TRUST_PROXY,
    publicUrl: config.WEB_URL,
  });
  const out = (l: string) => process.stdout.write(`${l}\n`);
  out(`Trang web thử (không cần Telegram): ${sandbox.server.url}`);
  for (const i of sandbox.invites) out(`  ${ROLE[i.role]} của ${i.unitName}: mã ${i.code} — ${i.link}`);
  if (sandbox.invites.length === 0) out('  (các mã mời mẫu đã dùng hết: chạy lại với một cơ sở dữ liệu mới)');
  out('Mỗi mã mời dùng được một lần. Ctrl+C để dừng.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await sandbox.close();
}

main().catch((err: unknown) => {
  // A database written by a newer version: its message says what to do, a stack would only hide it.
  const why =
    err instanceof NewerDatabaseError
      ? err.message
      : err instanceof Error
        ? (err.stack ?? err.message)
        : String(err);
  process.stderr.write(`Không chạy được sandbox: ${why}\n`);
  process.exit(1);
});
