/**
 * Writing files so that a reader (or a run after kill -9) sees either the old file or the new
 * one, never half of one. The temp file sits in the target's own folder: a rename within one
 * folder never crosses a filesystem, so it is atomic on every mount (a temp file in /tmp would
 * fail with EXDEV when the target lives on another device).
 */
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Suffix of every temp file lectern writes; a run that finds one knows it was interrupted. */
export const TEMP_SUFFIX = '.lectern.tmp';

let tempCount = 0;

/** A temp path beside `target`, unique per process and call. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${tempCount++}${TEMP_SUFFIX}`);
}

/**
 * Writes `content` to a temp file beside `target`, then renames it over `target` (creating the
 * folder if needed). On failure the temp file is removed and the error names the target.
 */
export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    writeFileSync(temp, content);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new Error(`cannot write ${target}: ${(error as Error).message}`, { cause: error });
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
