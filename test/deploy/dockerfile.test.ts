import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/bot-process.js';

/**
 * deploy/Dockerfile and deploy/compose.yaml (README, "Triển khai"). No Docker engine runs where the tests run, so
 * the image is not built here: these checks read the files. Every path the Dockerfile copies from the repository
 * exists and is not left out by .dockerignore; the build stage gets every input of scripts/build.mjs; the
 * runtime stage gets every folder the bot reads from its root; CMD and HEALTHCHECK name files the build makes;
 * compose.yaml agrees with the Dockerfile. The recipe itself (npm ci, npm prune --omit=dev, node dist/main.js)
 * was run by hand outside Docker (docs/architecture.md, "Deployment").
 */

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
const dockerfile = read('deploy/Dockerfile');
const compose = read('deploy/compose.yaml');

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  name: string;
  instructions: Instruction[];
}

/** The Dockerfile's stages and their instructions, continuation lines joined, comments dropped. */
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .split('\n')
    .filter((l) => !l.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      stages.push({ name: /\bAS\s+(\S+)/i.exec(args)?.[1] ?? String(stages.length), instructions: [] });
    } else if (op.toUpperCase() !== 'ARG' || stages.length > 0) {
      stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
    }
  }
  return stages;
}

interface Copy {
  from?: string;
  sources: string[];
  dest: string;
}
function copies(stage: Stage): Copy[] {
  return stage.instructions
    .filter((i) => i.op === 'COPY')
    .map((i) => {
      const words = i.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      return { from, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '' };
    });
}

/** The JSON array of an exec-form instruction (`CMD [...]`, `HEALTHCHECK ... CMD [...]`). */
const execForm = (args: string) => JSON.parse(args.slice(args.indexOf('['))) as string[];

const stages = parseDockerfile(dockerfile);
const build = stages[0];
const runtime = stages.at(-1);
if (!build || !runtime || stages.length !== 2) throw new Error('deploy/Dockerfile: expected two stages');
const workdir = (s: Stage) => s.instructions.filter((i) => i.op === 'WORKDIR').at(-1)?.args ?? '/';
/** Where `dest` of a COPY lands, as a path inside the image. */
const inImage = (s: Stage, dest: string) => path.posix.resolve(workdir(s), dest);
/** Where each source of a COPY lands in the image: into `dest` when it is a folder (`./`, several sources), else at it. */
function targets(s: Stage, c: Copy): string[] {
  const into = c.dest.endsWith('/') || c.sources.length > 1;
  return c.sources.map((src) =>
    into ? path.posix.join(inImage(s, c.dest), path.posix.basename(src)) : inImage(s, c.dest),
  );
}
/** A path inside the image under the runtime's WORKDIR (/app), as the same path in the repository. */
const inRepo = (imagePath: string) => path.join(REPO_ROOT, path.posix.relative(workdir(runtime), imagePath));

/** .dockerignore's patterns as regular expressions on a path relative to the context (no `**`, no `!` needed). */
const ignored = read('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
  .map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`));
const isIgnored = (rel: string) =>
  rel.split('/').some((_, i, parts) => ignored.some((re) => re.test(parts.slice(0, i + 1).join('/'))));

describe('the Dockerfile', () => {
  it('copies from the build context only paths that exist and that .dockerignore lets through', () => {
    const fromContext = stages.flatMap((s) => copies(s).filter((c) => !c.from)).flatMap((c) => c.sources);
    expect(fromContext.length).toBeGreaterThan(0);
    for (const source of fromContext) {
      expect(fs.existsSync(path.join(REPO_ROOT, source)), `${source} exists`).toBe(true);
      expect(isIgnored(source), `${source} not in .dockerignore`).toBe(false);
    }
    // Never the configuration with the bot's token, nor a local database.
    for (const secret of ['.env', 'data/bot.sqlite', 'node_modules/x', '.git/config', 'dist/main.js'])
      expect(isIgnored(secret), secret).toBe(true);
  });

  it('gives the build stage every input of scripts/build.mjs, and builds and prunes there', () => {
    const inputs = /const INPUTS = \[([^\]]*)\]/.exec(read('scripts/build.mjs'))?.[1];
    const names = [...(inputs ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
    expect(names).toContain('src');
    const copied = copies(build).flatMap((c) => targets(build, c));
    for (const input of names)
      expect(
        copied.some((c) => `${inImage(build, input)}/`.startsWith(`${c}/`)),
        `${input} copied`,
      ).toBe(true);
    const run = build.instructions.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(run.join('\n')).toMatch(/npm ci && npm prune --omit=dev/);
  });

  it('gives the runtime what the build stage made, and every folder the bot reads from its root', () => {
    for (const c of copies(runtime).filter((c) => c.from)) {
      expect(c.from).toBe(build.name);
      for (const source of c.sources) {
        const made = ['node_modules', 'dist'].map((d) => inImage(build, d));
        const copiedIn = copies(build).some((b) => targets(build, b).includes(source));
        expect(made.includes(source) || copiedIn, `${source} exists in the build stage`).toBe(true);
      }
    }
    // src/root.ts's users: path.join(ROOT, 'drizzle') and the like.
    const rootFolders = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts'))
          for (const m of fs.readFileSync(file, 'utf8').matchAll(/path\.join\(ROOT, '([^']+)'/g))
            rootFolders.add(m[1] ?? '');
      }
    };
    walk(path.join(REPO_ROOT, 'src'));
    expect([...rootFolders].sort()).toEqual(['data-samples', 'drizzle', 'holidays']);
    const inRuntime = copies(runtime).flatMap((c) => targets(runtime, c));
    for (const folder of [...rootFolders, 'dist', 'node_modules', 'package.json'])
      expect(inRuntime, folder).toContain(inImage(runtime, folder));
  });

  it('runs node on the built bot as an unprivileged user, with a health check the build provides', () => {
    const last = (op: string) => runtime.instructions.filter((i) => i.op === op).at(-1)?.args ?? '';
    expect(last('USER')).not.toMatch(/^(root|0)?$/);
    const cmd = execForm(last('CMD'));
    expect(cmd).toEqual(['node', '/app/dist/main.js']);
    const health = execForm(last('HEALTHCHECK'));
    expect(health.slice(0, 2)).toEqual(['node', '/app/dist/cli.js']);
    expect(health.slice(2)).toEqual(['doctor', '--liveness']);
    // The files exist once built (vitest's globalSetup builds dist/ as npm ci's prepare does).
    for (const file of [cmd[1], health[1]]) expect(fs.existsSync(inRepo(file ?? '')), file).toBe(true);
    expect(last('VOLUME')).toBe('/data');
  });
});

describe('compose.yaml', () => {
  it('runs the same health check as the image', () => {
    const test = /^\s+test: (\[.*\])$/m.exec(compose)?.[1];
    const health = runtime.instructions.filter((i) => i.op === 'HEALTHCHECK').at(-1)?.args ?? '';
    expect(JSON.parse(test ?? '[]')).toEqual(['CMD', ...execForm(health)]);
  });

  it('keeps the database and the backups in the volume, whatever .env says', () => {
    const env = (name: string) => new RegExp(`^\\s+${name}: (\\S+)$`, 'm').exec(compose)?.[1];
    const imageEnv = runtime.instructions
      .filter((i) => i.op === 'ENV')
      .map((i) => i.args)
      .join(' ');
    const mount = /^\s+- bot-data:(\S+)$/m.exec(compose)?.[1];
    expect(mount).toBe('/data');
    for (const name of ['DATABASE_PATH', 'BACKUP_DIR']) {
      expect(env(name)?.startsWith(`${mount}/`), name).toBe(true);
      expect(imageEnv).toContain(`${name}=${env(name)}`);
    }
    expect(compose).toMatch(/^\s+restart: unless-stopped$/m);
    expect(compose).toMatch(/^\s+env_file: \.\.\/\.env$/m);
  });
});
