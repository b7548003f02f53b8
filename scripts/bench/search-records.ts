/**
 * node scripts/bench/search-records.ts --dist <built site> --content <content folder>
 *
 * Issue 17: Pagefind has no incremental mode, so every build indexes every paper again. This
 * times the two ways to feed it, each into a fresh index written to a temp folder:
 *   html    - today's: Pagefind reads and parses papers/<slug>/index.html (scripts/lib/search-index.ts)
 *   records - from data: the content folder read with the content reader, one addCustomRecord
 *             per paper (title, authors, abstract and notes as text; the same meta, filters and
 *             sort keys the pages carry), no HTML parsed
 * Records lose what the HTML gives for free: per-element weights (the title weighs 10) and
 * excerpts with the page's own text; the timing is what decides whether that trade is worth it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import { loadPapers } from '../../src/io/content.ts';
import { isoWeekOf } from './synthetic.ts';
import { SEARCH_PAGES } from '../lib/search-index.ts';

const { values } = parseArgs({ options: { dist: { type: 'string' }, content: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help || !values.dist || !values.content) {
  process.stdout.write('Usage: node scripts/bench/search-records.ts --dist <built site> --content <content folder>\n');
  process.exit(values.help ? 0 : 2);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, Math.round(performance.now() - started)];
}

async function index(add: (index: pagefind.PagefindIndex) => Promise<number>) {
  const out = mkdtempSync(join(tmpdir(), 'lectern-search-records-'));
  try {
    const [{ pages, addMs }, totalMs] = await timed(async () => {
      const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
      const [pages, addMs] = await timed(() => add(index!));
      await index!.writeFiles({ outputPath: out });
      return { pages, addMs };
    });
    return { pages, addMs, totalMs };
  } finally {
    await pagefind.close();
    rmSync(out, { recursive: true, force: true });
  }
}

const html = await index(async (idx) => (await idx.addDirectory({ path: values.dist!, glob: SEARCH_PAGES })).page_count);
const [loaded, readMs] = await timed(async () => loadPapers(values.content!));
const records = await index(async (idx) => {
  await Promise.all(
    loaded.papers.map(({ paper, body }) =>
      idx.addCustomRecord({
        url: `/papers/${paper.slug}/`,
        content: [paper.title, ...(paper.authors.names ?? []), paper.abstract, body].join('\n'),
        language: 'en',
        meta: { title: paper.title },
        filters: { theme: paper.themes, week: [isoWeekOf(paper.added)], ...(paper.year ? { year: [String(paper.year)] } : {}) },
        sort: { added: paper.added, published: paper.published ?? '0000-00-00', upvotes: String(paper.upvotes ?? -1) },
      }),
    ),
  );
  return loaded.papers.length;
});
const result = { html, records: { ...records, readContentMs: readMs, totalMs: records.totalMs + readMs } };
process.stdout.write(`${JSON.stringify(result)}\n`);
process.stdout.write(
  `search index of ${html.pages} pages: from HTML ${html.totalMs} ms (adding ${html.addMs} ms); ` +
    `from data ${result.records.totalMs} ms (reading the content ${readMs} ms, adding ${records.addMs} ms)\n`,
);
