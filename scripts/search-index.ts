#!/usr/bin/env node
/**
 * lectern search-index: builds the Pagefind search index of a built site (`npm run build` runs
 * it right after `astro build`).
 *
 * Why a process of its own rather than an Astro integration: Pagefind's indexer needs ~1.5 GiB
 * at 10,000 papers, and inside `astro build` it ran next to Astro's own ~1.7 GiB, which the
 * build process keeps until it exits (a forced GC gave back only 0.15 GiB). One after the other,
 * the build peaks at the larger of the two instead of their sum (3.2 -> under 2 GiB; README, "Scale").
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lecternConfig } from '../src/config.ts';
import { indexSite } from './lib/search-index.ts';

const USAGE = `Usage: node scripts/search-index.ts [--dist <dir>]

Indexes the paper pages of a built site (papers/*/index.html, the parts marked
data-pagefind-body) with Pagefind and writes the index to <dir>/pagefind/.
\`npm run build\` runs it after \`astro build\`.

Options:
  --dist <dir>   the built site (default: $LECTERN_OUT_DIR or "dist")
  --help         show this help

Exit status: 0 on success, 1 when the site is missing or indexing fails, 2 on a usage error.`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { dist: { type: 'string' }, help: { type: 'boolean', default: false } } }).values;
  } catch (error) {
    process.stderr.write(`search-index: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dist = args.dist ? resolve(args.dist) : lecternConfig().outDir;
  if (!existsSync(join(dist, 'index.html'))) {
    process.stderr.write(`search-index: ${dist} holds no built site (no index.html): run \`astro build\` first, or \`npm run build\` for both\n`);
    return 1;
  }
  try {
    await indexSite(dist, (line) => process.stdout.write(`${line}\n`));
    return 0;
  } catch (error) {
    process.stderr.write(`search-index: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
