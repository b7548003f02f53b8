/**
 * The content folder's files, read and written for the command-line tools and the site: one
 * loader, so a content folder means the same thing to `import`, `themes`, `digest` and the build.
 * Validation is the pure reader's (src/core/content); this module only does the I/O.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDigestIntro, readPaper, readTaxonomy, type DigestIntroRead, type TaxonomyRead } from '../core/content/index.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { PaperFrontmatter } from '../core/papers/schema.ts';
import { writeFileAtomic } from './atomic.ts';

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

export interface LoadedPaper {
  /** `papers/<name>.mdx`, relative to the content folder. */
  path: string;
  paper: PaperFrontmatter;
  data: Record<string, unknown>;
  body: string;
}

/** Every valid paper of a content folder; each invalid file is a diagnostic naming it (`<content>/papers/x.mdx:line`). */
export function loadPapers(contentDir: string, hint?: string): { papers: LoadedPaper[]; diagnostics: Diagnostic[] } {
  const papers: LoadedPaper[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of readPaperFiles(contentDir)) {
    const read = readPaper(file.content, join(contentDir, file.path), hint);
    if (read.ok) papers.push({ path: file.path, paper: read.paper, data: read.data, body: read.body });
    else diagnostics.push(...read.diagnostics);
  }
  return { papers, diagnostics };
}

/** `<content>/themes.yaml`, or lectern's default taxonomy when the folder has none. */
export function loadTaxonomy(contentDir: string): TaxonomyRead {
  const file = join(contentDir, 'themes.yaml');
  let text: string | null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return {
        ok: false,
        diagnostics: [
          {
            severity: 'error',
            code: 'unreadable-file',
            file,
            line: 0,
            message: `cannot read the theme taxonomy (${(error as Error).message}).`,
            hint: 'Check its permissions.',
          },
        ],
      };
    }
    text = null;
  }
  return readTaxonomy(text, file);
}

/** The intro of the digest `slug` (`2026-w48`) from `<content>/digests/`; null when the week has none. */
export function loadDigestIntro(contentDir: string, slug: string): DigestIntroRead | null {
  const dir = join(contentDir, 'digests');
  const name = listContentFiles(dir).find((file) => file.replace(/\.mdx?$/, '').toLowerCase() === slug);
  if (!name) return null;
  const file = join(dir, name);
  return readDigestIntro(readFileSync(file, 'utf8'), file);
}

/** Writes each file atomically (src/io/atomic.ts): never half-written. Returns the paths written. */
export function writeFilesAtomically(contentDir: string, writes: readonly ContentFile[]): string[] {
  return writes.map(({ path, content }) => {
    const target = join(contentDir, path);
    writeFileAtomic(target, content);
    return target;
  });
}
