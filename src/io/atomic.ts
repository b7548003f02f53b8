/**
 * Writing files so that a reader (or a run after kill -9) sees either the old file or the new
 * one, never half of one. The temp file sits in the target's own folder: a rename within one
 * folder never crosses a filesystem, so it is atomic on every mount (a temp file in /tmp would
 * fail with EXDEV when the target lives on another device).
 */
import { copyFileSync, cpSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Suffix of every temp file lectern writes; a run that finds one knows it was interrupted. */
export const TEMP_SUFFIX = '.lectern.tmp';

let tempCount = 0;

/** A temp path beside `target`, unique per process and call. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${tempCount++}${TEMP_SUFFIX}`);
}

/** A write refused because the file is no longer what the writer read (see `expected`). */
export class ChangedSinceReadError extends Error {
  readonly target: string;
  constructor(target: string) {
    super(
      `${target} changed since this run read it (someone saved it, or another command wrote it); it was not replaced. ` +
        'Run the command again: it will read the file as it is now.',
    );
    this.target = target;
  }
}

export interface WriteOptions {
  /**
   * What the file held when the caller read it: `null` when it did not exist. When given, the
   * file is replaced only if it still holds exactly that (compared just before the rename), and
   * a new file never replaces one created meanwhile; otherwise ChangedSinceReadError.
   */
  expected?: string | null;
}

/**
 * Writes `content` to a temp file beside `target`, then renames it over `target` (creating the
 * folder if needed). On failure the temp file is removed and the error names the target.
 */
export function writeFileAtomic(target: string, content: string | Uint8Array, options: WriteOptions = {}): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    writeFileSync(temp, content);
    if (options.expected === null && linkNew(temp, target)) {
      rmSync(temp, { force: true });
      return;
    }
    if (options.expected !== undefined && readOrNull(target) !== options.expected) throw new ChangedSinceReadError(target);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof ChangedSinceReadError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ChangedSinceReadError(target);
    throw new Error(`cannot write ${target}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Puts `temp` at `target` only if `target` does not exist: link() fails with EEXIST then, so a
 * file someone created meanwhile is never replaced. False where the filesystem has no hard
 * links (the caller then compares and renames).
 */
function linkNew(temp: string, target: string): boolean {
  try {
    linkSync(temp, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ChangedSinceReadError(target);
    return false;
  }
}

/**
 * Puts `source` at `target` (replacing it) as a hard link, one system call where a copy writes
 * the bytes again; a copy where links fail (another filesystem). Only for sources nobody writes
 * in place, such as cache entries written by `writeFileAtomic`: the two names share one file.
 */
export function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
    return;
  } catch {
    // Taken (replaced below, never written through: it may be a link to another file) or another filesystem.
  }
  rmSync(target, { force: true });
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Moves the folder `from` to `to`, replacing `to`. A rename where it can; across filesystems
 * (EXDEV) a copy staged beside `to`, renamed into place, then `from` deleted, so `to` is never
 * a half-copied folder. `rename` is a parameter so tests can simulate another device.
 */
export function replaceDirectory(from: string, to: string, rename: (a: string, b: string) => void = renameSync): void {
  mkdirSync(dirname(to), { recursive: true });
  const old = tempPathFor(to);
  const hadOld = moveIfExists(to, old, rename);
  try {
    rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') {
      if (hadOld) rename(old, to);
      throw error;
    }
    const staged = tempPathFor(to);
    try {
      cpSync(from, staged, { recursive: true, verbatimSymlinks: true });
      rename(staged, to);
    } catch (copyError) {
      rmSync(staged, { recursive: true, force: true });
      if (hadOld) rename(old, to);
      throw copyError;
    }
    rmSync(from, { recursive: true, force: true });
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}

function moveIfExists(path: string, to: string, rename: (a: string, b: string) => void): boolean {
  try {
    rename(path, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
