/**
 * File I/O shared by the command-line tools: reading the paper files of a content folder and
 * writing files so that an interrupted run never leaves a half-written one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/io/atomic.ts';

/** A file of the content folder; `path` is relative to it (`papers/<slug>.mdx`). */
export interface ContentFile {
  path: string;
  content: string;
}

/** Names of the `.md`/`.mdx` files in `dir`, sorted; none when the folder does not exist. */
export function listContentFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => /\.mdx?$/.test(name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every paper file of a content folder, in file-name order. */
export function readPaperFiles(contentDir: string): ContentFile[] {
  const dir = join(contentDir, 'papers');
  return listContentFiles(dir).map((name) => ({ path: `papers/${name}`, content: readFileSync(join(dir, name), 'utf8') }));
}

/** Writes each file atomically (src/io/atomic.ts): never half-written. Returns the paths written. */
export function writeFilesAtomically(contentDir: string, writes: readonly ContentFile[]): string[] {
  return writes.map(({ path, content }) => {
    const target = join(contentDir, path);
    writeFileAtomic(target, content);
    return target;
  });
}
