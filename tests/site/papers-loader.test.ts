/**
 * The papers loader against Astro's real content layer (issue 13 §3): it uses only the public
 * loader API, and this test fails if Astro's contract for it changes. Each kind of paper must
 * reach the store as the loader set it (data only / rendered Markdown / MDX module), and pages
 * must show the notes. Then issue 14 #18: the content folder is moved and the same cache is
 * built again.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, REPO_ROOT, type SiteBuild } from '../helpers/site-build.ts';
import { readPage } from '../helpers/site-check.ts';

const FIXTURE = join(REPO_ROOT, 'tests/fixtures/site-content');
const FLASH = 'flashattention-fast-and-memory-efficient-exact-attention-with-io-awareness';
const MAMBA = 'mamba-linear-time-sequence-modeling-with-selective-state-spaces';
const PIXART = 'pixart-alpha-fast-training-of-diffusion-transformer';

let work: string;
let cacheDir: string;
let first: SiteBuild;
let moved: SiteBuild;
let movedTo: string;

/** The fixture, plus MDX notes (opted in with `mdx: true`) and a digest intro (an MDX module too). */
function writeContent(dir: string): void {
  cpSync(FIXTURE, dir, { recursive: true });
  const mamba = join(dir, 'papers', `${MAMBA}.mdx`);
  const text = readFileSync(mamba, 'utf8').replace(/^added: .*$/m, '$&\nmdx: true');
  writeFileSync(mamba, `${text.trimEnd()}\n\nThe selective scan has {3 * 7} kernels, <abbr title="state-space model">SSM</abbr>.\n`);
  mkdirSync(join(dir, 'digests'));
  writeFileSync(join(dir, 'digests', '2026-w47.mdx'), '---\ntitle: "A week of state spaces"\n---\n\nIntro with **four** ideas.\n');
}

/** The content layer's stored papers, as Astro serialised them. */
function storedPapers(): Map<string, Record<string, unknown>> {
  const store = parse(readFileSync(join(cacheDir, 'data-store.json'), 'utf8')) as Map<string, Map<string, Record<string, unknown>>>;
  return store.get('papers')!;
}

beforeAll(async () => {
  work = mkdtempSync(join(REPO_ROOT, '.cache', 'loader-'));
  cacheDir = join(work, 'astro-cache');
  writeContent(join(work, 'content'));
  first = await buildSite({ content: join(work, 'content'), cacheDir });
  movedTo = join(work, 'moved-content');
  renameSync(join(work, 'content'), movedTo);
  moved = await buildSite({ content: movedTo, cacheDir });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the papers loader on the public LoaderContext', () => {
  it('stores a paper without notes as data only, Markdown notes rendered, and MDX notes as a module', () => {
    const papers = storedPapers();
    const pixart = papers.get(PIXART)!;
    expect(pixart.rendered).toBeUndefined();
    expect(pixart.deferredRender).toBeUndefined();
    expect(pixart.body).toBeUndefined();
    const flash = papers.get(FLASH)!;
    expect((flash.rendered as { html: string }).html).toContain('<h2 id="why-we-read-it">');
    expect(flash.deferredRender).toBeUndefined();
    const mamba = papers.get(MAMBA)!;
    expect(mamba.deferredRender).toBe(true);
    expect(mamba.rendered).toBeUndefined();
    expect(String(mamba.filePath)).toMatch(/moved-content\/papers\/mamba-.*\.mdx$/);
  });

  it('pages show Markdown notes and evaluated MDX notes', () => {
    for (const site of [first, moved]) {
      expect(readPage(site.outDir, `papers/${FLASH}/index.html`)('section.notes h2#why-we-read-it').length).toBe(1);
      const notes = readPage(site.outDir, `papers/${MAMBA}/index.html`)('section.notes');
      expect(notes.text()).toContain('The selective scan has 21 kernels');
      expect(notes.find('abbr[title="state-space model"]').text()).toBe('SSM');
      expect(readPage(site.outDir, `papers/${PIXART}/index.html`)('section.notes').length).toBe(0);
    }
  });
});

describe('a moved content folder (issue 14 #18)', () => {
  it('rebuilds on the same cache from the new place, with the digest intro', () => {
    expect(moved.log).toContain(`content folder changed to ${join(movedTo, 'papers')}`);
    expect(readPage(moved.outDir, 'digests/2026-w47/index.html')('main').text()).toContain('Intro with four ideas.');
    expect(existsSync(join(moved.outDir, 'index.html'))).toBe(true);
  });
});

describe('a paper whose date is not in the calendar', () => {
  it('fails the build naming the file and the field', async () => {
    const content = join(work, 'bad-date');
    cpSync(FIXTURE, content, { recursive: true });
    const file = join(content, 'papers', `${PIXART}.mdx`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^added: .*$/m, 'added: "2026-02-30"'));
    const failure = await buildSite({ content }).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toContain(`${PIXART}.mdx`);
    expect(failure).toMatch(/added.*2026-02-30 is not a day of the calendar/s);
  }, 600_000);
});
