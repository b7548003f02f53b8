/**
 * npm run bench -- --papers N [options]
 *
 * Builds lectern over a synthetic reading list of N papers in a temp folder (never the repo's
 * content/), then a plain Astro 7 MDX baseline site over the same papers, and reports per-phase
 * wall times, pages per second, peak RSS of the whole build process tree, dist size and file
 * count, and search index size. Prints a table and writes JSON.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeBaselineProject } from './bench/baseline.ts';
import { loadSeeds, paperFile, REPO, writeCorpus } from './bench/corpus.ts';
import { treeSize, type TreeSize } from './bench/measure.ts';
import { buildPhases, stripAnsi, type Phase } from './bench/phases.ts';
import { run, type RunResult } from './bench/proc.ts';
import { measureCardRender, type CardRenderCost } from './bench/og-cards.ts';
import { packageScript } from './lib/package-script.ts';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { isoWeekOf, syntheticPapers } from './bench/synthetic.ts';
import { parseBuildSummary, type ParsedBuildSummary } from '../src/core/build/summary.ts';
import type { OgBuildReport } from '../src/integrations/og-images.ts';

const HELP = `Usage: npm run bench -- --papers N [options]
       npm run bench -- --site DIR [--json out.json]

Generates N synthetic papers (from content/listings or $LECTERN_SEEDS) in a temp folder, builds
the full lectern site with search into a temp out dir, then a plain Astro 7 MDX baseline site of
the same papers, and reports times per phase, pages/s, peak RSS (whole process tree), dist size
and file count, and search index size.

Options:
  --papers N          number of papers (required)
  --math-ratio r      share of papers with inline math in title/abstract (default 0.3)
  --notes-ratio r     share of papers with an MDX notes body (default 0.1)
  --seed n            PRNG seed for the corpus (default 42)
  --no-baseline       skip the baseline build
  --no-rebuilds       skip the two rebuilds after the cold build: warm with nothing changed,
                      and weekly (a new week of 50 papers and its digest intro added)
  --concurrency N     pages Astro renders at once (LECTERN_BUILD_CONCURRENCY, default 4)
  --search            measure a Pagefind query in chromium on the built site
  --site DIR          measure search and list pages of a site built before (e.g. a --keep
                      folder's site/dist) instead of building one
  --og-cache DIR      keep Open Graph images in DIR across runs (default: a fresh cache, so
                      every image is rendered; the same --seed gives the same images)
  --keep              keep the temp folder (its path is printed)
  --echo              stream build output to stderr
  --json out.json     where to write the JSON (default bench-results/bench-N-<time>.json)
  -h, --help          this text
`;

interface BuildReport {
  ok: boolean;
  wallMs: number;
  peakRssBytes: number;
  peakAt: RunResult['peakAt'];
  pages: number | null;
  pagesPerSecond: number | null;
  phases: Phase[];
  /** What `npm run build` says it rendered and reused (null for the baseline). */
  summary: ParsedBuildSummary | null;
  /** Load average (1, 5, 15 min) when the build ended: the machine may be shared. */
  loadavg: number[];
  dist: TreeSize;
  searchIndex: TreeSize | null;
  logTail?: string[];
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

function ratio(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) fail(`--${name} must be a number between 0 and 1, got "${value}"`);
  return n;
}

/** Papers a weekly import adds (the synthetic corpus has 50 a week too). */
const WEEK_PAPERS = 50;

const ASTRO = join(REPO, 'node_modules', 'astro', 'bin', 'astro.mjs');

/**
 * A copy of the site's sources in `<tmp>/site` (node_modules linked). Astro keeps per-build state
 * under `<root>/.astro/` whatever the cache and output settings (content-modules.mjs: the list
 * of MDX modules to bundle), so two builds of one root at the same time (tests, another
 * engineer) can hand each other the wrong module list. The bench builds its own root.
 */
function copySite(tmp: string): string {
  const site = join(tmp, 'site');
  for (const entry of ['src', 'public', 'scripts', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
    if (existsSync(join(REPO, entry))) cpSync(join(REPO, entry), join(site, entry), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(site, 'node_modules'));
  symlinkSync(join(REPO, 'node_modules'), join(tmp, 'node_modules'));
  return site;
}

/** A build to measure: what to run, from where. */
interface BuildCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** lectern's `npm run build` (astro build, then the search index) in the site copy `root`. */
function lecternBuild(root: string, env: Record<string, string>, outDir: string): BuildCommand {
  return { ...packageScript(root, 'build', { ...process.env, ...env, LECTERN_OUT_DIR: outDir, FORCE_COLOR: '0' }), cwd: root };
}

/**
 * Runs and measures a build whose output lands in `outDir`; the full log goes to
 * `<cwd>/<label>.log`. Each build runs from its own temp folder: Astro puts its prerender
 * bundle in `<cwd>/.astro/`, which must not be shared with someone else's build.
 */
async function measureBuild(build: BuildCommand, outDir: string, echo: boolean, label: string): Promise<{ result: RunResult; report: BuildReport }> {
  const { cwd } = build;
  const result = await run(build.command, build.args, { cwd, env: build.env, echo });
  writeFileSync(join(cwd, `${label}.log`), result.lines.map((l) => `${(l.at / 1000).toFixed(2).padStart(7)} ${stripAnsi(l.text)}`).join('\n'));
  const { phases, pages } = buildPhases(result.lines, result.wallMs);
  const searchDir = join(outDir, 'pagefind');
  const report: BuildReport = {
    // astro can exit 0 after a failed prerender: no page count means no site.
    ok: result.code === 0 && pages !== null,
    wallMs: result.wallMs,
    peakRssBytes: result.peakRssBytes,
    peakAt: result.peakAt,
    pages,
    pagesPerSecond: pages === null ? null : pages / (result.wallMs / 1000),
    phases,
    summary: parseBuildSummary(result.lines.map((l) => stripAnsi(l.text)).join('\n')),
    loadavg: loadavg(),
    dist: treeSize(outDir),
    searchIndex: existsSync(searchDir) ? treeSize(searchDir) : null,
  };
  if (!report.ok) report.logTail = result.lines.slice(-40).map((l) => stripAnsi(l.text));
  return { result, report };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

function table(rows: [string, string, string][]): string {
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

type SearchResult = import('./bench/search.ts').SearchMeasure & { error?: string };
type ListPageSizes = import('./bench/list-pages.ts').ListPageSizes;

function searchRows(search: SearchResult | undefined): [string, string, string][] {
  if (!search) return [];
  if (search.error) return [['search query', 'FAILED', search.error.slice(0, 60)]];
  return [
    ['search: fresh /search/?q=… to answer (median of 5)', `${search.urlMs.toFixed(0)} ms`, `${(search.urlBytesToAnswer / 1e3).toFixed(0)} KB from /pagefind/ (${(search.urlBytes / 1e3).toFixed(0)} KB by network idle)`],
    [`search: the same over a ${search.slowLink.latencyMs} ms, ${search.slowLink.megabitsPerSecond} Mbit/s link (median of 5)`, `${search.urlSlowMs.toFixed(0)} ms`, ''],
    [`search: first query typed into a fresh /search/?q=…, Enter to answer (median of 3)`, `${search.typedFirstMs.toFixed(0)} ms`, `a key every ${search.typingDelayMs} ms`],
    ['search: later queries typed (median)', `${search.typedLaterMs.toFixed(0)} ms`, ''],
    ['search: later queries pasted whole (median)', `${search.laterMs.toFixed(0)} ms`, `${(search.laterBytes / 1e3).toFixed(0)} KB each`],
    ['search: first query, 1 s after load', `${search.firstMs.toFixed(0)} ms`, `${(search.bytes / 1e3).toFixed(0)} KB`],
    ['search: first query at load / next query', `${search.coldMs.toFixed(0)} / ${search.warmMs.toFixed(0)} ms`, ''],
  ];
}

function listRows(lists: ListPageSizes | undefined): [string, string, string][] {
  if (!lists) return [];
  return [
    ['list pages (papers, years, weeks, themes)', `${lists.pages} pages`, `largest ${(lists.largest.gzipBytes / 1e3).toFixed(0)} KB gzip (${lists.largest.path})`],
    ['  /papers/ page 1 / papers/list.json', `${(lists.first.gzipBytes / 1e3).toFixed(0)} KB gzip`, `${(lists.listJson.gzipBytes / 1e3).toFixed(0)} KB gzip (${(lists.listJson.bytes / 1e3).toFixed(0)} KB)`],
  ];
}

/**
 * `--site DIR`: the search and list-page figures of a site already built (a kept bench folder's
 * site/dist, say), without building again: a 10,000-paper build takes minutes.
 */
async function measureBuiltSite(site: string, json: string | undefined): Promise<void> {
  if (!existsSync(join(site, 'search', 'index.html'))) fail(`--site ${site}: no built site there (no search/index.html)`);
  const { measureSearch } = await import('./bench/search.ts');
  const { listPageSizes } = await import('./bench/list-pages.ts');
  const loadavgAtStart = loadavg();
  const results = {
    site,
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: availableParallelism(), loadavgAtStart, loadavgAtEnd: [] as number[] },
    search: (await measureSearch(site).catch((error: Error) => ({ error: error.message }))) as SearchResult,
    listPages: listPageSizes(site),
  };
  results.machine.loadavgAtEnd = loadavg();
  const rows = [...searchRows(results.search), ...listRows(results.listPages)];
  process.stdout.write(`\nlectern bench: the site in ${site} (load average ${loadavgAtStart[0]!.toFixed(1)} -> ${results.machine.loadavgAtEnd[0]!.toFixed(1)} on ${availableParallelism()} cores)\n${table(rows)}\n`);
  const jsonPath = resolve(json ?? join(REPO, 'bench-results', `bench-site-${Date.now()}.json`));
  writeFileAtomic(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`JSON: ${jsonPath}\n`);
  if (results.search.error) process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        papers: { type: 'string' },
        'math-ratio': { type: 'string' },
        'notes-ratio': { type: 'string' },
        seed: { type: 'string' },
        'no-baseline': { type: 'boolean' },
        'no-rebuilds': { type: 'boolean' },
        concurrency: { type: 'string' },
        search: { type: 'boolean' },
        site: { type: 'string' },
        keep: { type: 'boolean' },
        'og-cache': { type: 'string' },
        echo: { type: 'boolean' },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n\n${HELP}`);
  }
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  if (args.site !== undefined) return measureBuiltSite(resolve(args.site), args.json);
  const papers = Number(args.papers);
  if (!Number.isInteger(papers) || papers < 1) fail(`--papers N is required and must be a positive integer\n\n${HELP}`);
  const mathRatio = ratio(args['math-ratio'], 'math-ratio', 0.3);
  const notesRatio = ratio(args['notes-ratio'], 'notes-ratio', 0.1);
  const seed = args.seed === undefined ? 42 : Number(args.seed);
  const echo = Boolean(args.echo);
  const concurrency = args.concurrency ?? '4';
  if (!/^[1-9]\d*$/.test(concurrency)) fail(`--concurrency must be a whole number of pages (1 or more), got "${concurrency}"`);

  const tmp = mkdtempSync(join(tmpdir(), `lectern-bench-${papers}-`));
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  log(`temp folder ${tmp}`);
  const results: Record<string, unknown> = {
    papers,
    mathRatio,
    notesRatio,
    seed,
    concurrency: Number(concurrency),
    ogCache: args['og-cache'] ?? null,
    date: new Date().toISOString(),
    // The machine is shared: the load average says how noisy the figures are.
    machine: { node: process.version, cpus: availableParallelism(), loadavgAtStart: loadavg() },
  };
  try {
    // 1. Generate the synthetic content folder.
    const content = join(tmp, 'content');
    let started = performance.now();
    const corpus = writeCorpus(content, { papers, mathRatio, notesRatio, seed });
    const generateMs = performance.now() - started;
    const withNotes = corpus.papers.filter((p) => p.notes).length;
    log(`generated ${papers} papers (${withNotes} with notes, ${corpus.weeks} weeks) in ${s(generateMs)}`);
    results.generate = { ms: generateMs, withNotes, weeks: corpus.weeks, content: treeSize(content) };

    // 2. Import throughput: the importer's own benchmark (parse + normalize + plan in memory).
    if (existsSync(join(REPO, 'scripts', 'bench-import.ts'))) {
      log(`import throughput (scripts/bench-import.ts --records ${papers})`);
      const imp = await run(process.execPath, ['scripts/bench-import.ts', '--records', String(papers), '--runs', '3', '--json'], {
        cwd: REPO,
        env: process.env,
        echo,
      });
      const out = imp.lines.map((l) => l.text).join('\n');
      try {
        results.import = { ok: imp.code === 0, ...(JSON.parse(out.slice(out.indexOf('{'))) as object) };
      } catch {
        results.import = { ok: false, output: out.slice(-2000) };
      }
    }

    // 3. The lectern build, cold (fresh content-layer cache).
    // Inside the site, as `npm run build` writes it by default (no staging folder, no move).
    const outDir = join(tmp, 'site', 'dist');
    const cacheDir = join(tmp, 'cache');
    // Fresh caches (kept for the incremental rebuild): the content layer's, the citations', and
    // the OG images' unless --og-cache names one.
    const env = {
      LECTERN_CONTENT: content,
      LECTERN_CACHE_DIR: cacheDir,
      LECTERN_OG_CACHE: args['og-cache'] ? resolve(args['og-cache']) : join(tmp, 'og-cache'),
      LECTERN_CITATION_CACHE: join(tmp, 'citations.json'),
      LECTERN_BUILD_CONCURRENCY: concurrency,
    };
    log('astro build (lectern, cold)');
    const site = copySite(tmp);
    const lectern = await measureBuild(lecternBuild(site, env, outDir), outDir, echo, 'build-cold');
    results.lectern = lectern.report;
    if (!lectern.report.ok) log(`lectern build FAILED:\n${lectern.report.logTail?.join('\n')}`);
    // What the Open Graph step did (src/integrations/og-images.ts writes it).
    const ogReport = () => JSON.parse(readFileSync(join(env.LECTERN_OG_CACHE, 'last-build.json'), 'utf8')) as OgBuildReport;
    if (lectern.report.ok) results.ogImages = ogReport();
    log('Open Graph card render, one at a time');
    results.ogCard = await measureCardRender(corpus.papers.map((paper) => paper.frontmatter.title));

    // 4. Rebuilds with the caches of the cold build: nothing changed, then the weekly routine
    //    (a new week of 50 papers plus its digest intro), as a group's CI would run them.
    if (!args['no-rebuilds'] && lectern.report.ok) {
      const rebuild = async (label: string) => {
        const { result, report } = await measureBuild(lecternBuild(site, env, outDir), outDir, echo, label);
        if (!report.ok) log(`${label} FAILED:\n${report.logTail?.join('\n')}`);
        return { ...report, integrationLines: result.lines.map((l) => stripAnsi(l.text)).filter((t) => t.includes('[lectern:')) };
      };
      log('npm run build (lectern, nothing changed, warm caches)');
      results.warm = await rebuild('build-warm');
      const week = syntheticPapers(loadSeeds(), { papers: papers + WEEK_PAPERS, mathRatio, notesRatio, seed }).slice(papers);
      const last = corpus.papers.reduce((max, p) => (p.frontmatter.added > max ? p.frontmatter.added : max), '');
      const nextWeek = new Date(Date.parse(`${last}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
      for (const paper of week) {
        paper.frontmatter.added = nextWeek;
        writeFileSync(join(content, 'papers', `${paper.frontmatter.slug}.mdx`), paperFile(paper));
      }
      const weekSlug = isoWeekOf(nextWeek);
      writeFileSync(join(content, 'digests', `${weekSlug}.mdx`), `---\ntitle: Week ${weekSlug}\n---\n\nThis week: ${WEEK_PAPERS} papers, mostly on attention.\n`);
      log(`npm run build (lectern, weekly: ${WEEK_PAPERS} papers added in ${weekSlug} with its digest)`);
      results.weekly = await rebuild('build-weekly');
    }

    // 5. List page sizes; search query in a browser.
    if (lectern.report.ok) {
      const { listPageSizes } = await import('./bench/list-pages.ts');
      results.listPages = listPageSizes(outDir);
    }
    if (args.search && lectern.report.ok) {
      const { measureSearch } = await import('./bench/search.ts');
      log('pagefind query in chromium');
      results.search = await measureSearch(outDir).catch((error: Error) => ({ error: error.message }));
    }

    // 6. Baseline: plain Astro 7 MDX over the same papers.
    if (!args['no-baseline']) {
      const project = join(tmp, 'baseline');
      writeBaselineProject(project, join(content, 'papers'));
      log('astro build (baseline: plain Astro 7 MDX)');
      // Its output stays inside the project: the prerender bundle resolves packages from there.
      const baseline = await measureBuild(
        { command: process.execPath, args: [ASTRO, 'build', '--root', project], cwd: project, env: { ...process.env, LECTERN_CACHE_DIR: join(project, '.cache'), LECTERN_OUT_DIR: join(project, 'dist'), FORCE_COLOR: '0' } },
        join(project, 'dist'),
        echo,
        'build-baseline',
      );
      results.baseline = baseline.report;
      if (lectern.report.ok && baseline.report.ok) {
        results.ratios = {
          wall: lectern.report.wallMs / baseline.report.wallMs,
          peakRss: lectern.report.peakRssBytes / baseline.report.peakRssBytes,
        };
      }
    }
  } finally {
    if (args.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }

  const machine = results.machine as { loadavgAtStart: number[]; loadavgAtEnd?: number[] };
  machine.loadavgAtEnd = loadavg();
  // Report.
  const l = results.lectern as BuildReport;
  const b = results.baseline as BuildReport | undefined;
  const rows: [string, string, string][] = [['', 'lectern', b ? 'baseline' : '']];
  rows.push(['generate', s((results.generate as { ms: number }).ms), '']);
  const imp = results.import as { ok: boolean; medianMs?: { total: number }; recordsPerSecond?: number } | undefined;
  if (imp?.ok && imp.medianMs) rows.push(['import (parse+plan)', `${imp.medianMs.total} ms`, `${imp.recordsPerSecond} rec/s`]);
  for (const phase of l.phases) rows.push([`  ${phase.name}`, s(phase.ms), b?.phases.find((p) => p.name === phase.name) ? s(b.phases.find((p) => p.name === phase.name)!.ms) : '']);
  rows.push(['cold build (wall)', s(l.wallMs), b ? s(b.wallMs) : '']);
  rows.push(['pages', String(l.pages ?? '?'), b ? String(b.pages ?? '?') : '']);
  rows.push(['pages/s', l.pagesPerSecond?.toFixed(0) ?? '?', b?.pagesPerSecond?.toFixed(0) ?? '']);
  rows.push(['peak RSS (tree)', gib(l.peakRssBytes), b ? gib(b.peakRssBytes) : '']);
  rows.push(['dist size', mb(l.dist.bytes), b ? mb(b.dist.bytes) : '']);
  rows.push(['dist files', String(l.dist.files), b ? String(b.dist.files) : '']);
  rows.push(['search index', l.searchIndex ? `${mb(l.searchIndex.bytes)} / ${l.searchIndex.files} files` : 'none', '']);
  const og = results.ogImages as OgBuildReport | undefined;
  if (og) rows.push(['OG images rendered (cold)', `${og.generated} in ${s(og.ms)}`, `${(og.bytes / og.total / 1024).toFixed(1)} KiB each`]);
  const card = results.ogCard as CardRenderCost;
  rows.push(['OG card, one at a time', `${card.msPerCard.toFixed(1)} ms`, `${(card.bytesPerCard / 1024).toFixed(1)} KiB`]);
  const reuse = (r: BuildReport) => {
    const sum = r.summary;
    if (!sum?.pages) return '?';
    const cards = sum.cards ? `; cards ${sum.cards.rendered}/${sum.cards.rendered + sum.cards.reused}` : '';
    const cites = sum.citations ? `; citations ${sum.citations.formatted}/${sum.citations.formatted + sum.citations.reused}` : '';
    return `${sum.pages.rendered} rendered, ${sum.pages.reused} reused${cards}${cites}`;
  };
  rows.push(['cold: pages', reuse(l), '']);
  const rebuilds: Array<[string, BuildReport | undefined]> = [
    ['warm rebuild, nothing changed', results.warm as BuildReport | undefined],
    [`weekly rebuild (+${WEEK_PAPERS} papers, digest)`, results.weekly as BuildReport | undefined],
  ];
  for (const [name, r] of rebuilds) {
    if (!r) continue;
    rows.push([name, r.ok ? s(r.wallMs) : 'FAILED', r.ok ? `peak ${gib(r.peakRssBytes)}, load ${r.loadavg[0]!.toFixed(1)}` : '']);
    for (const phase of r.phases) rows.push([`  ${phase.name}`, s(phase.ms), '']);
    rows.push(['  pages (and cards, citations) rendered', reuse(r), '']);
  }
  const weekly = results.weekly as BuildReport | undefined;
  if (weekly?.ok) {
    results.weeklyOverCold = weekly.wallMs / l.wallMs;
    rows.push(['weekly / cold', `${(weekly.wallMs / l.wallMs).toFixed(2)}x`, '']);
  }
  const search = results.search as SearchResult | undefined;
  rows.push(...searchRows(search), ...listRows(results.listPages as ListPageSizes | undefined));
  const ratios = results.ratios as { wall: number; peakRss: number } | undefined;
  if (ratios) rows.push(['lectern / baseline', `time ${ratios.wall.toFixed(2)}x`, `RSS ${ratios.peakRss.toFixed(2)}x`]);
  process.stdout.write(
    `\nlectern bench: ${papers} papers (math ${mathRatio}, notes ${notesRatio}, concurrency ${concurrency}; load average ${machine.loadavgAtStart[0]!.toFixed(1)} -> ${machine.loadavgAtEnd[0]!.toFixed(1)} on ${availableParallelism()} cores)\n${table(rows)}\n`,
  );

  const jsonPath = resolve(args.json ?? join(REPO, 'bench-results', `bench-${papers}-${Date.now()}.json`));
  writeFileAtomic(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`JSON: ${jsonPath}\n`);
  if (!l.ok || (b && !b.ok) || rebuilds.some(([, r]) => r && !r.ok) || search?.error) process.exit(1);
}

await main();
