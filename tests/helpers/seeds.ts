/**
 * The five real Daily Papers listings the project was seeded with. They ship in the repo
 * (content/listings/) so tests never depend on anything next to the clone.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEEDS_DIR = fileURLToPath(new URL('../../content/listings/', import.meta.url));

/** Absolute paths of the seed listings, in file-name order. */
export function seedFiles(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(SEEDS_DIR, name));
}
