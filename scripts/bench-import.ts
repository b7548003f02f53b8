/**
 * npm run bench:import -- [--records N] [--runs R] [--json]
 *
 * Import throughput: a synthetic Daily Papers listing of N records (default 10,000) built from the
 * real seed records (their LaTeX residue included) -> parse -> normalize -> plan, in memory.
 * Also times re-planning the same listing against the N paper files the first plan wrote (the
 * weekly re-import into a large reading list). Target: parse + normalize + plan < 1 s.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { lecternConfig } from '../src/config.ts';
import { parseArgs } from 'node:util';
import { prng } from './bench/synthetic.ts';
import { parseListing, type ListingRecord } from '../src/core/listing/index.ts';
import { normalizeText } from '../src/core/normalize/index.ts';
import { planImport } from '../src/core/papers/plan.ts';

/** The repo root: seed listings default to its content/listings. */
const REPO = new URL('..', import.meta.url).pathname;

const HELP = `Usage: npm run bench:import -- [--records N] [--runs R] [--json]

Times parse + normalize + plan of a synthetic listing of N records (default 10000) made from
the seed listings in content/listings (or $LECTERN_SEEDS), median of R runs (default 5) after
one warm-up run. Prints a table, or JSON with --json. Target: under 1 s for 10,000 records.`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const VARIANTS = ['', 'Revisiting ', 'Scaling ', 'Towards ', 'Rethinking ', 'Sparse ', 'Efficient '];

/** A layout A listing (with a header and a mix of metadata forms) of `count` distinct records. */
export function syntheticListing(seeds: readonly ListingRecord[], count: number, seed = 42): string {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const lines = ['new', 'Get trending papers in your email inbox!', 'Subscribe', 'Daily Papers', 'byAK and the research community', 'Nov 20'];
  for (let i = 0; i < count; i++) {
    const base = seeds[i % seeds.length]!;
    lines.push(`${pick(VARIANTS)}${base.titleRaw} (${i})`, base.abstractRaw);
    const kind = random();
    if (kind < 0.1) continue; // no metadata (layout B record)
    lines.push(kind < 0.85 ? `  • ${1 + Math.floor(random() * 12)} authors` : pick(['apple Apple', 'openbmb OpenBMB', 'Talan Talan']), '·');
    const day = `${pick(MONTHS)} ${1 + Math.floor(random() * 28)}`;
    const year = random() < 0.6 ? `, ${2019 + Math.floor(random() * 7)}` : '';
    const upvotes = random() < 0.5 ? ` ${Math.floor(random() * 40)}` : '';
    lines.push(`${day}${year}${upvotes}`);
  }
  return lines.join('\n\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '5' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const count = Number(values.records);
  const runs = Number(values.runs);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(runs) || runs < 1) {
    console.error(`bench:import: --records and --runs take positive integers.\n\n${HELP}`);
    return 2;
  }
  const seedDir = lecternConfig(process.env, REPO).seedsDir;
  const seeds = readdirSync(seedDir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .flatMap((n) => parseListing(readFileSync(join(seedDir, n), 'utf8'), n).records);
  const text = syntheticListing(seeds, count);

  const times = { parse: [] as number[], normalize: [] as number[], plan: [] as number[], total: [] as number[], replan: [] as number[] };
  /** CPU time (user + system) of parse + plan: what the machine's other jobs do not inflate as much as wall time. */
  const cpu: number[] = [];
  let papers = 0;
  for (let run = 0; run <= runs; run++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const listing = parseListing(text, 'synthetic.txt');
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    for (const r of listing.records) {
      normalizeText(r.titleRaw);
      normalizeText(r.abstractRaw);
    }
    const t2 = performance.now();
    // The plan normalizes again (titles, abstracts, dedupe keys): the end-to-end figure is parse + plan.
    const c2 = process.cpuUsage();
    const plan = planImport({ existing: [], listings: [listing], added: '2026-11-25' });
    const t3 = performance.now();
    const c3 = process.cpuUsage(c2);
    const replan = planImport({ existing: plan.writes, listings: [listing], added: '2026-11-25' });
    const t4 = performance.now();
    if (replan.writes.length !== 0 || plan.report.papers !== count) {
      console.error(`bench:import: unexpected plan (${plan.report.papers} papers, ${replan.writes.length} rewrites)`);
      return 1;
    }
    papers = plan.report.papers;
    if (run === 0) continue; // warm-up
    times.parse.push(t1 - t0);
    times.normalize.push(t2 - t1);
    times.plan.push(t3 - t2);
    times.total.push(t1 - t0 + (t3 - t2));
    times.replan.push(t4 - t3);
    cpu.push((c1.user + c1.system + c3.user + c3.system) / 1000);
  }
  const result = {
    records: count,
    papers,
    listingBytes: Buffer.byteLength(text),
    runs,
    medianMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v))])),
    cpuMs: Math.round(median(cpu)),
    recordsPerSecond: Math.round(count / (median(times.total) / 1000)),
    loadAverage: loadavg()[0]!,
    targetMs: 1000,
  };
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const m = result.medianMs;
    console.log(`import benchmark: ${count} records (${(result.listingBytes / 1e6).toFixed(1)} MB listing), median of ${runs} runs`);
    console.log(`  parse                               ${m['parse']} ms`);
    console.log(`  normalize (titles + abstracts)      ${m['normalize']} ms   (measured alone; included in plan)`);
    console.log(`  plan (normalize, dedupe, slug, YAML, schema) ${m['plan']} ms`);
    console.log(`  parse + normalize + plan            ${m['total']} ms   (${result.recordsPerSecond} records/s; target < ${result.targetMs} ms)`);
    console.log(`    of which CPU time                 ${result.cpuMs} ms   (load average ${result.loadAverage.toFixed(1)} on ${availableParallelism()} cores)`);
    console.log(`  re-plan against ${papers} existing files ${m['replan']} ms`);
  }
  return 0;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
