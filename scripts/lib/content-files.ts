/**
 * File I/O shared by the command-line tools: reading the paper files of a content folder and
 * writing files so that an interrupted run never leaves a half-written one.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/**
 * Each file goes to a temp file next to it, then is renamed over the target: never
 * half-written. Returns the paths written.
 */
export function writeFilesAtomically(contentDir: string, writes: readonly ContentFile[]): string[] {
  const written: string[] = [];
  for (const { path, content } of writes) {
    const target = join(contentDir, path);
    const temp = join(dirname(target), `.${process.pid}.${written.length}.lectern.tmp`);
    mkdirSync(dirname(target), { recursive: true });
    try {
      writeFileSync(temp, content);
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      throw new Error(`cannot write ${target}: ${(error as Error).message}`, { cause: error });
    }
    written.push(target);
  }
  return written;
}
