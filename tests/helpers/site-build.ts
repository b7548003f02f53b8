/**
 * Build the site once for a given input and reuse it: the output lives in
 * `.cache/site-builds/<key>/dist`, where the key hashes the build's env and every input file
 * (src, public, the content folder, astro.config.mjs, package-lock.json). A test file calls
 *
 *   const site = await buildSite({ content: 'tests/fixtures/site-content', base: '/reading-group/' });
 *
 * in `beforeAll` and reads `site.outDir`. Builds are serialised across vitest workers and
 * processes by a lock (the machine has 2 cores), and a finished build is reused until an input
 * changes. Set LECTERN_TEST_REBUILD=1 to ignore the cache.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { packageScript } from '../../scripts/lib/package-script.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const CACHE_ROOT = join(REPO_ROOT, '.cache', 'site-builds');

export interface SiteBuildOptions {
  /** Content folder (papers/, themes.yaml, digests/), relative to the repo root. Default `content`. */
  content?: string;
  /** Base path, e.g. `/reading-group/`. Default `/`. */
  base?: string;
  /** Site origin. Default `https://lectern.example.org`. */
  site?: string;
  /** More environment variables that change the build. */
  env?: Record<string, string>;
  /** Where the site goes (LECTERN_OUT_DIR). Default: beside the cache entry. */
  outDir?: string;
  /** Astro's cache (LECTERN_CACHE_DIR), to build twice on one cache. Default: beside the cache entry. */
  cacheDir?: string;
}

export interface SiteBuild {
  /** Absolute path of the built site. */
  outDir: string;
  /** The base path, always with leading and trailing slash. */
  base: string;
  site: string;
  /** The build's stdout + stderr. */
  log: string;
  /** True when this call reused an earlier build. */
  cached: boolean;
}

const INPUTS = ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/search-index.ts', 'scripts/build.ts', 'scripts/lib/search-index.ts'];

function listFiles(path: string, out: string[] = []): string[] {
  if (!existsSync(path)) return out;
  if (statSync(path).isFile()) {
    out.push(path);
    return out;
  }
  for (const name of readdirSync(path).sort()) listFiles(join(path, name), out);
  return out;
}

function inputHash(options: Required<Omit<SiteBuildOptions, 'env' | 'outDir' | 'cacheDir'>> & { env: Record<string, string>; outDir?: string; cacheDir?: string }): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(options));
  for (const input of [...INPUTS, options.content]) {
    for (const file of listFiles(join(REPO_ROOT, input))) {
      hash.update(relative(REPO_ROOT, file));
      hash.update('\0');
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A cross-process lock: a directory holding the owner's pid; a dead owner's lock is taken over. */
async function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = join(CACHE_ROOT, `${name}.lock`);
  mkdirSync(CACHE_ROOT, { recursive: true });
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      break;
    } catch {
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(dir, 'pid'), 'utf8'));
      } catch {
        // the owner has not written its pid yet
      }
      if (Number.isInteger(owner) && !isAlive(owner)) rmSync(dir, { recursive: true, force: true });
      else await new Promise((done) => setTimeout(done, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The child's environment: ours minus what vitest injects for its own Vite (BASE_URL=/, MODE,
 * NODE_ENV=test, ...), which would otherwise leak into the site build's import.meta.env.
 */
function buildEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(key)) continue;
    clean[key] = value;
  }
  return { ...clean, ...env, FORCE_COLOR: '0', NO_COLOR: '1' };
}

/** Runs `npm run build [-- args]` (astro build, then the search index) as npm would, without npm. */
function runBuild(env: Record<string, string>, args: readonly string[] = []): Promise<string> {
  return new Promise((done, fail) => {
    const build = packageScript(REPO_ROOT, 'build', buildEnv(env));
    // sh -c 'script "$@"' sh args...: npm's `-- args`, each passed to the script as it is.
    const [flag, script] = build.args as [string, string];
    const child = spawn(build.command, [flag, `${script} "$@"`, 'sh', ...args], { cwd: REPO_ROOT, env: build.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) done(log);
      else fail(new Error(`npm run build ${args.join(' ')} failed (exit ${code}) with ${JSON.stringify(env)}:\n${log.slice(-6000)}`));
    });
  });
}

/**
 * One `npm run build` with exactly this environment, never answered from the cache (tests of the
 * build's own caching: tests/build/incremental-site.test.ts); serialised with the cached builds.
 */
export function runSiteBuild(env: Record<string, string>, args: readonly string[] = []): Promise<string> {
  return withLock('build', () => runBuild(env, args));
}

/**
 * The cache keeps the 12 most recently used builds, and any build used in the last hour (a test
 * file of the same run may still be reading it); older ones are deleted after each new build.
 */
const KEEP_BUILDS = 12;
const KEEP_RECENT_MS = 60 * 60 * 1000;

function pruneCache(): void {
  const now = Date.now();
  const builds = readdirSync(CACHE_ROOT)
    .filter((name) => /^[0-9a-f]{16}$/.test(name))
    .map((name) => {
      const log = join(CACHE_ROOT, name, 'build.log');
      return { name, time: existsSync(log) ? statSync(log).mtimeMs : 0 };
    })
    .sort((a, b) => b.time - a.time);
  for (const { name, time } of builds.slice(KEEP_BUILDS)) {
    if (now - time > KEEP_RECENT_MS) rmSync(join(CACHE_ROOT, name), { recursive: true, force: true });
  }
}

export async function buildSite(options: SiteBuildOptions = {}): Promise<SiteBuild> {
  const resolved = {
    content: options.content ?? 'content',
    base: options.base ?? '/',
    site: options.site ?? 'https://lectern.example.org',
    env: options.env ?? {},
    ...(options.outDir ? { outDir: options.outDir } : {}),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
  };
  const base = `/${resolved.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const key = inputHash(resolved);
  const dir = join(CACHE_ROOT, key);
  const outDir = options.outDir ?? join(dir, 'dist');
  const marker = join(dir, 'build.log');
  const rebuild = process.env.LECTERN_TEST_REBUILD === '1';
  return withLock('build', async () => {
    if (!rebuild && existsSync(marker) && existsSync(outDir)) {
      const now = new Date();
      utimesSync(marker, now, now); // recently used: kept by pruneCache
      return { outDir, base, site: resolved.site, log: readFileSync(marker, 'utf8'), cached: true };
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const log = await runBuild({
      ...resolved.env,
      LECTERN_CONTENT: resolved.content,
      LECTERN_BASE: base,
      LECTERN_SITE: resolved.site,
      LECTERN_OUT_DIR: outDir,
      LECTERN_CACHE_DIR: options.cacheDir ?? join(dir, 'astro-cache'),
    });
    writeFileSync(marker, log);
    pruneCache();
    return { outDir, base, site: resolved.site, log, cached: false };
  });
}

/** Every file under `dir` with the given extension, as paths relative to `dir`. */
export function filesIn(dir: string, extension: string): string[] {
  return listFiles(dir)
    .filter((file) => file.endsWith(extension))
    .map((file) => relative(dir, file));
}
