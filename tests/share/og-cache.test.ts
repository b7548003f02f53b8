/**
 * The Open Graph image and citation caches across real builds: a cold build renders every card
 * and formats every citation, a rebuild of the same content renders and formats none
 * (byte-identical images), and changing one paper's title renders exactly that paper's card
 * and formats exactly its citation files again (and warns when the new title has a character
 * no card font has).
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REPO_ROOT, buildSite, filesIn } from '../helpers/site-build.ts';
import type { OgBuildReport } from '../../src/integrations/og-images.ts';

/** One folder per process: concurrent test runs must not share (or delete) each other's cache. */
const WORK_DIR = `.cache/share-og-cache-${process.pid}`;
const WORK = join(REPO_ROOT, WORK_DIR);
const CONTENT = `${WORK_DIR}/content`;
const CACHE = join(WORK, 'og-cache');
const PAPER = 'mamba-linear-time-sequence-modeling-with-selective-state-spaces';

/** Citation files formatted (not taken from the cache) by a build, from its log. */
const formattedCitations = (log: string) => Number(/citation files \(BibTeX, CSL-JSON\) for \d+ papers in \d+ ms: (\d+) formatted/.exec(log)?.[1]);

/** Builds (never reusing an earlier build) and returns the report, a hash of every image and the log. */
async function build(): Promise<{ report: OgBuildReport; images: Map<string, string>; log: string }> {
  const site = await buildSite({ content: CONTENT, env: { LECTERN_OG_CACHE: CACHE, LECTERN_CITATION_CACHE: join(WORK, 'citations.json') } });
  const report = JSON.parse(readFileSync(join(CACHE, 'last-build.json'), 'utf8')) as OgBuildReport;
  const images = new Map(
    filesIn(join(site.outDir, 'og'), '.png').map((file) => [file, createHash('sha256').update(readFileSync(join(site.outDir, 'og', file))).digest('hex')]),
  );
  return { report, images, log: site.log };
}

const previousRebuild = process.env.LECTERN_TEST_REBUILD;
beforeAll(() => {
  process.env.LECTERN_TEST_REBUILD = '1';
  rmSync(WORK, { recursive: true, force: true });
  cpSync(join(REPO_ROOT, 'tests/fixtures/site-content'), join(REPO_ROOT, CONTENT), { recursive: true });
});
afterAll(() => {
  rmSync(WORK, { recursive: true, force: true });
  if (previousRebuild === undefined) delete process.env.LECTERN_TEST_REBUILD;
  else process.env.LECTERN_TEST_REBUILD = previousRebuild;
});

test('a rebuild renders only the images and formats only the citations whose inputs changed', { timeout: 600_000 }, async () => {
  const cold = await build();
  expect(cold.report.total).toBe(cold.images.size);
  expect(cold.report.total).toBeGreaterThanOrEqual(10); // 5 papers, themes, no theme, digests
  expect(cold.report.generated).toBe(cold.report.total);
  expect(readdirSync(CACHE).filter((f) => f.endsWith('.png'))).toHaveLength(cold.report.total);
  expect(formattedCitations(cold.log)).toBe(5);

  const warm = await build();
  expect(warm.report).toMatchObject({ total: cold.report.total, generated: 0, cached: cold.report.total });
  expect(warm.images).toEqual(cold.images);
  expect(formattedCitations(warm.log)).toBe(0);

  const file = join(REPO_ROOT, CONTENT, 'papers', `${PAPER}.mdx`);
  // A script no card font has: the build names the paper whose card shows boxes.
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: "Mamba: /m, 'title: "Mamba (revised, বাংলা): '));
  const changed = await build();
  expect(changed.log).toContain(`${CONTENT}/papers/${PAPER}.mdx: warning: the Open Graph card og/papers/${PAPER}.png ("Mamba (revised, বাংলা): `);
  expect(changed.report.missingGlyphs).toBe(1);
  expect(changed.report).toMatchObject({ total: cold.report.total, generated: 1, cached: cold.report.total - 1 });
  const differing = [...changed.images].filter(([name, hash]) => cold.images.get(name) !== hash).map(([name]) => name);
  expect(differing).toEqual([`papers/${PAPER}.png`]);
  expect(formattedCitations(changed.log)).toBe(1);
  console.info(
    `OG images: cold ${cold.report.ms} ms for ${cold.report.total} (${cold.report.msPerGenerated} ms each), ` +
      `warm ${warm.report.ms} ms, one changed ${changed.report.ms} ms; ${Math.round(cold.report.bytes / cold.report.total / 1024)} KiB per image`,
  );
});
