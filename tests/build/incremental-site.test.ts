/**
 * Incremental builds (issue 17): a site built, one paper's title edited, built again with the
 * caches of the first build. Exactly the pages that show the title render again, every other
 * page is the previous build's file byte for byte, and a clean build of the edited content
 * writes the same site byte for byte.
 *
 * Then one paper is deleted and the clean build's folder built again: its previous pages are
 * linked into the new output folder (src/io/previous-pages.ts), so the deleted paper's page must
 * be removed from it; the result must equal a `--force` build over the first folder, which held
 * the deleted paper too. The first folder lies outside the project (Astro builds in a staging
 * folder, the previous site stays in place), the clean one inside it (the previous site is
 * renamed aside): both ways of carrying pages over are built.
 *
 * Content: the first 30 papers of the repo's seed content/papers (with its themes.yaml and
 * digest intros), copied to a temp folder.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseBuildSummary } from '../../src/core/build/summary.ts';
import { filesIn, REPO_ROOT, runSiteBuild } from '../helpers/site-build.ts';

const PAPERS = 30;
const tmp = mkdtempSync(join(tmpdir(), 'lectern-incremental-'));
// Inside the project: the output folder Astro writes to directly, like the default dist/.
mkdirSync(join(REPO_ROOT, '.cache'), { recursive: true });
const inProject = mkdtempSync(join(REPO_ROOT, '.cache', 'lectern-incremental-'));
const content = join(tmp, 'content');
const outDirs = { first: join(tmp, 'first'), clean: join(inProject, 'clean') };

/** Environment of a build writing to `out` with the caches in `caches`. */
const buildEnv = (out: keyof typeof outDirs, caches: string) => ({
  LECTERN_CONTENT: content,
  LECTERN_OUT_DIR: outDirs[out],
  LECTERN_CACHE_DIR: join(tmp, caches, 'astro'),
  LECTERN_OG_CACHE: join(tmp, caches, 'og'),
  LECTERN_CITATION_CACHE: join(tmp, caches, 'citations.json'),
});

/** Every file of a built site and its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  return new Map(filesIn(dir, '').map((file) => [file, readFileSync(join(dir, file))]));
}

function differing(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((name) => !a.get(name)?.equals(b.get(name) ?? Buffer.alloc(0)) || !a.has(name) || !b.has(name)).sort();
}

const summary = (log: string) => parseBuildSummary(log)!;

let edited: { slug: string; title: string };
let deleted: string;
let first: Map<string, Buffer>;
let incremental: Map<string, Buffer>;
let clean: Map<string, Buffer>;
let afterDeletion: Map<string, Buffer>;
let forced: Map<string, Buffer>;
let logs: string[];

beforeAll(async () => {
  const seed = join(REPO_ROOT, 'content');
  mkdirSync(join(content, 'papers'), { recursive: true });
  cpSync(join(seed, 'themes.yaml'), join(content, 'themes.yaml'));
  cpSync(join(seed, 'digests'), join(content, 'digests'), { recursive: true });
  const files = readdirSync(join(seed, 'papers')).filter((f) => f.endsWith('.mdx')).sort().slice(0, PAPERS);
  for (const file of files) cpSync(join(seed, 'papers', file), join(content, 'papers', file));
  // A themed paper whose title is plain text (no math, nothing HTML escapes), so that "shows the
  // title" is a plain substring test. "!" adds no word: related papers (TF-IDF) stay the same.
  const file = files.find((f) => {
    const text = readFileSync(join(content, 'papers', f), 'utf8');
    return /^title: "[\w ,:.-]+"$/m.test(text) && !/^themes: \[\]$/m.test(text);
  })!;
  const path = join(content, 'papers', file);
  const text = readFileSync(path, 'utf8');
  const old = /^title: "([^"]+)"$/m.exec(text)![1]!;
  edited = { slug: file.replace(/\.mdx$/, ''), title: `${old}!` };

  logs = [await runSiteBuild(buildEnv('first', 'caches'))];
  first = snapshot(outDirs.first);
  writeFileSync(path, text.replace(`title: "${old}"`, `title: "${edited.title}"`));
  // The same output folder and caches: the weekly routine's rebuild.
  logs.push(await runSiteBuild(buildEnv('first', 'caches')));
  incremental = snapshot(outDirs.first);
  logs.push(await runSiteBuild(buildEnv('clean', 'clean-caches')));
  clean = snapshot(outDirs.clean);

  const gone = files.filter((f) => f !== file).at(-1)!;
  deleted = gone.replace(/\.mdx$/, '');
  rmSync(join(content, 'papers', gone));
  logs.push(await runSiteBuild(buildEnv('clean', 'clean-caches')));
  afterDeletion = snapshot(outDirs.clean);
  logs.push(await runSiteBuild(buildEnv('first', 'caches'), ['--force']));
  forced = snapshot(outDirs.first);
}, 1_500_000);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(inProject, { recursive: true, force: true });
});

/** The line scripts/build.ts prints when it linked pages of the previous build into the new folder. */
const carriedLine = (log: string) => /\[lectern:previous-pages\] ([\d,]+) pages? linked from the previous build in \d+ ms, (\d+) of them no longer built and deleted/.exec(log);

describe('a rebuild after one title changed', () => {
  test('renders again exactly the pages that show the title; every other page is the previous file byte for byte', () => {
    const changed = differing(first, incremental).filter((file) => file.endsWith('.html'));
    // What shows the title, read off the clean build: a stale page would not show it.
    const showing = [...clean].filter(([file, bytes]) => file.endsWith('.html') && bytes.includes(edited.title)).map(([file]) => file).sort();
    expect(changed).toEqual(showing);
    // The paper itself, and at least one list it is on.
    expect(changed).toContain(`papers/${edited.slug}/index.html`);
    expect(changed.length).toBeGreaterThan(1);
    expect(changed.length).toBeLessThan(first.size / 2);
  });

  test("the week's and themes' citation files that list the paper are written again, the others reused", () => {
    const files = [...first.keys()].filter((file) => /^(digests|themes)\/[^/]+\.(bib|json)$/.test(file));
    const listing = files.filter((file) => clean.get(file)!.includes(edited.title)).sort();
    // Astro logs a reused file's path and "(cached)" or "(restored)" together; a rendered one's time comes later.
    const reused = (file: string) => logs[1]!.includes(`/${file}/ (cached)`) || logs[1]!.includes(`/${file}/ (restored)`);
    const rewritten = files.filter((file) => !reused(file)).sort();
    expect(listing.length).toBeGreaterThan(0);
    expect(rewritten).toEqual(listing);
  });

  test('the card and citation files of that paper are made again, the others come from the caches', () => {
    const changed = differing(first, incremental).filter((file) => !file.endsWith('.html') && !file.startsWith('pagefind/'));
    for (const file of changed) expect(incremental.get(file)!.includes(edited.title) || file === `og/papers/${edited.slug}.png`, file).toBe(true);
    expect(changed).toContain(`og/papers/${edited.slug}.png`);
    const { cards, citations } = summary(logs[1]!);
    expect([cards?.rendered, citations?.formatted]).toEqual([1, 1]);
  });

  test('the summary line counts the pages it rendered and reused', () => {
    const cold = summary(logs[0]!).pages!;
    const { rendered, reused } = summary(logs[1]!).pages!;
    expect(cold.reused).toBe(0);
    expect(rendered + reused).toBe(cold.rendered);
    // At least the pages that differ were rendered (keyed citation files are not counted as pages).
    expect(rendered).toBeGreaterThanOrEqual(differing(first, incremental).filter((file) => file.endsWith('.html')).length);
    expect(reused).toBeGreaterThan(PAPERS - 10);
  });

  test('a clean build of the edited content writes the same site, byte for byte', () => {
    const different = differing(incremental, clean);
    // On failure, the first differing line of each file says what the incremental build missed.
    const firstDifference = (file: string) => {
      const [a, b] = [incremental.get(file)?.toString('utf8') ?? '', clean.get(file)?.toString('utf8') ?? ''];
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      return `${file}: incremental "${a.slice(Math.max(0, i - 80), i + 120)}" / clean "${b.slice(Math.max(0, i - 80), i + 120)}"`;
    };
    expect(different, different.map(firstDifference).join('\n')).toEqual([]);
  });
});

describe('a rebuild after a paper was deleted, over the previous site', () => {
  test("the previous pages are linked into the new folder, and the deleted paper's page, card and citation files are gone", () => {
    const [, linked, removed] = carriedLine(logs[3]!)!;
    expect(Number(linked!.replace(/,/g, ''))).toBeGreaterThanOrEqual(summary(logs[3]!).pages!.reused);
    expect(Number(removed)).toBeGreaterThanOrEqual(1);
    expect(clean.has(`papers/${deleted}/index.html`)).toBe(true);
    for (const file of [`papers/${deleted}/index.html`, `papers/${deleted}.bib`, `papers/${deleted}.json`, `og/papers/${deleted}.png`]) {
      expect(afterDeletion.has(file), file).toBe(false);
    }
    // The title edit's rebuild carried pages too (the site outside the project).
    expect(carriedLine(logs[1]!)).not.toBeNull();
  });

  test('writes the same site, byte for byte, as a --force build over a folder that still held the paper', () => {
    expect(carriedLine(logs[4]!)).toBeNull();
    expect(summary(logs[4]!).pages!.reused).toBe(0);
    expect(differing(afterDeletion, forced)).toEqual([]);
  });
});
