/**
 * The content folder's files, read and written for the command-line tools and the site: one
 * loader, so a content folder means the same thing to `import`, `themes`, `digest` and the build.
 * Validation is the pure reader's (src/core/content); this module only does the I/O.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readDigestIntro, readPaper, readTaxonomy, type DigestIntroRead, type TaxonomyRead } from '../core/content/index.ts';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.ts';
import type { PaperFrontmatter } from '../core/papers/schema.ts';
import { lecternConfig } from '../config.ts';
import { plural, pluralWord } from '../core/text.ts';
import { ChangedSinceReadError, writeFileAtomic } from './atomic.ts';
import { lockContent, type ContentLock } from './lock.ts';

/** Content a command cannot use: its message is the diagnostics, one `file:line: error: ...` a line. */
export class ContentError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.diagnostics = diagnostics;
  }
}

/** A file of the content folder; `path` is relative to it (`papers/<slug>.mdx`). */
export interface ContentFile {
  path: string;
  content: string;
  /** What the file held when read (null: it did not exist); when given, a file changed since is not replaced. */
  expected?: string | null;
}

/**
 * Checks that `dir` is a content folder before a command writes to it, so a mistyped
 * `--content` is not silently created: it must exist and hold `papers/` or `themes.yaml` (or be
 * empty), or `init` is set and it is created. Returns the problem, or null when it is fine.
 */
export function checkContentFolder(dir: string, init = false): string | null {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) return `cannot read ${dir} as a content folder: it is a file, not a folder.`;
    entries = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return `cannot read ${dir}: ${(error as Error).message}`;
    if (!init) return `there is no content folder at ${dir}. Check --content (or LECTERN_CONTENT); to start a new content folder there, add --init.`;
    mkdirSync(dir, { recursive: true });
    return null;
  }
  if (init || entries.length === 0 || entries.includes('papers') || entries.includes('themes.yaml')) return null;
  return `${dir} is not a lectern content folder (it has no papers/ or themes.yaml). Check --content (or LECTERN_CONTENT); to make it one anyway, add --init.`;
}

/**
 * Takes the content folder's lock for a command that writes (src/io/lock.ts), after checking it
 * is a content folder (`checkContentFolder`), printing a line
 * when it has to wait and when it deletes temp files an interrupted run left. Throws
 * ContentLockedError when another command keeps it.
 */
export function lockContentFolder(dir: string, command: string, log: (line: string) => void = console.error): ContentLock {
  const problem = checkContentFolder(dir);
  if (problem) throw new Error(problem);
  const lock = lockContent(dir, command, {
    waitMs: lecternConfig().lockWaitSeconds * 1000,
    onWait: (holder) => log(`${command}: waiting for ${holder ? `${holder.command} (pid ${holder.pid})` : 'another command'} to finish with ${dir}...`),
  });
  for (const file of lock.cleaned) log(`${command}: deleted ${file}, left by an interrupted run`);
  return lock;
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

/** The intro file of the digest `slug` (`2026-w48`), `digests/<name>.md(x)` relative to the content folder; null when the week has none. */
export function digestIntroFile(contentDir: string, slug: string): string | null {
  const name = listContentFiles(join(contentDir, 'digests')).find((file) => file.replace(/\.mdx?$/, '').toLowerCase() === slug);
  return name ? join('digests', name) : null;
}

/** The intro of the digest `slug` (`2026-w48`) from `<content>/digests/`; null when the week has none. */
export function loadDigestIntro(contentDir: string, slug: string): DigestIntroRead | null {
  const path = digestIntroFile(contentDir, slug);
  if (path === null) return null;
  const file = join(contentDir, path);
  return readDigestIntro(readFileSync(file, 'utf8'), file);
}

/**
 * Writes each file atomically (src/io/atomic.ts): never half-written, and never over a file
 * that changed since it was read (`expected`). Such files are skipped, the others written, then
 * one error lists the skipped ones. Returns the paths written.
 */
export function writeFilesAtomically(contentDir: string, writes: readonly ContentFile[]): string[] {
  const written: string[] = [];
  const changed: string[] = [];
  for (const { path, content, expected } of writes) {
    const target = join(contentDir, path);
    try {
      writeFileAtomic(target, content, { expected });
      written.push(target);
    } catch (error) {
      if (!(error instanceof ChangedSinceReadError)) throw error;
      changed.push(target);
    }
  }
  if (changed.length > 0) {
    throw new Error(
      `${plural(changed.length, 'file')} changed while this command ran and ${pluralWord(changed.length, 'was', 'were')} not replaced ` +
        `(${written.length} others written): ${changed.join(', ')}. Run the command again: it reads the files as they are now.`,
    );
  }
  return written;
}
