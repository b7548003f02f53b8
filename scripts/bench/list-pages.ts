/**
 * Sizes of the built papers lists (issue 16: pages of at most 200 papers, none over 120 KB gzip
 * at 10,000 papers): every list page under papers/ (all, year, week) and themes/, gzipped as a
 * server would send them, and the papers/list.json that instant filtering loads.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageSize {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface ListPageSizes {
  pages: number;
  largest: PageSize;
  first: PageSize;
  listJson: PageSize;
}

function size(dist: string, file: string): PageSize {
  const body = readFileSync(file);
  return { path: relative(dist, file), bytes: body.length, gzipBytes: gzipSync(body, { level: 6 }).length };
}

/** The index.html of every list page: papers/, papers/page/<n>/, papers/{year,week}/..., themes/<slug>/.... */
function listPageFiles(dist: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (!existsSync(dir)) return;
    if (existsSync(join(dir, 'index.html'))) files.push(join(dir, 'index.html'));
    if (depth === 0) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) walk(join(dir, entry.name), depth - 1);
  };
  for (const sub of ['page', 'year', 'week']) walk(join(dist, 'papers', sub), 3);
  walk(join(dist, 'themes'), 3);
  files.push(join(dist, 'papers', 'index.html'));
  return files;
}

export function listPageSizes(dist: string): ListPageSizes {
  const sizes = listPageFiles(dist).map((file) => size(dist, file));
  const largest = sizes.reduce((max, s) => (s.gzipBytes > max.gzipBytes ? s : max));
  return { pages: sizes.length, largest, first: size(dist, join(dist, 'papers', 'index.html')), listJson: size(dist, join(dist, 'papers', 'list.json')) };
}
