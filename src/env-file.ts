import dotenv from 'dotenv';

/**
 * The one reader of `.env` (main, cli, sandbox): its values go into `env` where the environment does not set them.
 * A variable set in the environment wins, except an empty or blank one: that means "not set" here as in
 * src/config.ts, so `BOT_TOKEN=` from `docker run -e BOT_TOKEN` or a shell's `export BOT_TOKEN=` does not hide
 * the token written in `.env`. The file is `./.env`, or DOTENV_CONFIG_PATH (dotenv reads DOTENV_PATH first). A
 * path given that does not exist reads nothing, as dotenv does.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, path?: string): void {
  const { parsed } = dotenv.config({ processEnv: {}, quiet: true, ...(path ? { path } : {}) });
  for (const [name, value] of Object.entries(parsed ?? {})) {
    if ((env[name] ?? '').trim() === '') env[name] = value;
  }
}
