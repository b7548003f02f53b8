/**
 * scripts/search-index.ts, the step of `npm run build` after `astro build`: a real index of a
 * small hand-made site, and clear errors when there is no site or the arguments are wrong.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from './helpers/cli.ts';

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
});
