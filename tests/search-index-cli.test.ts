/**
 * scripts/search-index.ts, the step of `npm run build` after `astro build`: a real index of a
 * small hand-made site, and clear errors when there is no site or the arguments are wrong.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from './helpers/cli.ts';
import { filesIn } from './helpers/site-build.ts';
import { indexSite } from '../scripts/lib/search-index.ts';

const work = mkdtempSync(join(tmpdir(), 'lectern-search-index-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (args: string[]) => runScript('scripts/search-index.ts', args);

const page = (title: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1><p>About ${title}.</p></main></body></html>`;

describe('search-index', () => {
  it('indexes the paper pages of a built site into <dist>/pagefind and says how many', async () => {
    const dist = join(work, 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), page('Home'));
    for (const slug of ['flash-attention', 'mamba']) {
      mkdirSync(join(dist, 'papers', slug), { recursive: true });
      writeFileSync(join(dist, 'papers', slug, 'index.html'), page(slug));
    }
    const result = await run(['--dist', dist]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/indexed 2 pages in \d+ ms/);
    expect(readdirSync(join(dist, 'pagefind'))).toContain('pagefind.js');
    expect(readdirSync(join(dist, 'pagefind', 'fragment'))).toHaveLength(2);
  });

  it('fails with the folder named when there is no built site, and on unknown options', async () => {
    const missing = join(work, 'nothing-here');
    const noSite = await run(['--dist', missing]);
    expect(noSite.code).toBe(1);
    expect(noSite.stderr).toContain(`${missing} holds no built site`);
    const bad = await run(['--disst', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--disst'[\s\S]*Usage:/);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: node scripts\/search-index.ts/);
  });

  it('reuses the last index when no indexed page changed, and indexes again when one did', async () => {
    const site = (name: string, slugs: Record<string, string>) => {
      const dist = join(work, name);
      mkdirSync(dist, { recursive: true });
      writeFileSync(join(dist, 'index.html'), page('Home'));
      for (const [slug, title] of Object.entries(slugs)) {
        mkdirSync(join(dist, 'papers', slug), { recursive: true });
        writeFileSync(join(dist, 'papers', slug, 'index.html'), page(title));
      }
      return dist;
    };
    const cache = join(work, 'search-cache');
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);
    const papers = { 'flash-attention': 'FlashAttention', mamba: 'Mamba' };
    const first = await indexSite(site('first', papers), print, cache);
    expect(first).toMatchObject({ pages: 2, reused: false });
    // A later build: the same pages in a fresh output folder (and a list page that changed).
    const second = site('second', papers);
    writeFileSync(join(second, 'index.html'), page('Home, with a new digest'));
    expect(await indexSite(second, print, cache)).toMatchObject({ pages: 2, reused: true });
    expect(lines.at(-1)).toMatch(/reused the index of 2 unchanged pages in \d+ ms/);
    const bytes = (dist: string) => new Map(filesIn(join(dist, 'pagefind'), '').map((file) => [file, readFileSync(join(dist, 'pagefind', file)).toString('base64')]));
    expect(bytes(second)).toEqual(bytes(join(work, 'first')));
    // One paper page changed: indexed again, and the new index is what the next build reuses.
    const third = site('third', { ...papers, mamba: 'Mamba-2' });
    expect(await indexSite(third, print, cache)).toMatchObject({ pages: 2, reused: false });
    cpSync(join(third, 'papers'), join(work, 'fourth', 'papers'), { recursive: true });
    writeFileSync(join(work, 'fourth', 'index.html'), page('Home'));
    expect(await indexSite(join(work, 'fourth'), print, cache)).toMatchObject({ reused: true });
    expect(bytes(join(work, 'fourth'))).toEqual(bytes(third));
    // No cache folder (scripts/search-index.ts): always indexes.
    expect(await indexSite(second, print)).toMatchObject({ reused: false });
  });
});
