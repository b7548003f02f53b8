/**
 * One lectern command at a time on a content folder. Every command that writes content files
 * (import, enrich, themes reclassify, digest new) holds `<content>/.lectern.lock` while it reads
 * and writes; a second one waits for it, then gives up with a message naming the holder.
 *
 * The lock file holds its holder's pid, host, command and start time. It is created complete
 * (written to a temp file, then hard-linked into place, which fails if a lock exists), so a
 * reader never sees half a lock. A lock whose process is gone (kill -9, a crash, a reboot) is
 * stale and is taken over. Holding the lock, a command also deletes the temp files interrupted
 * runs left behind: no other lectern writer can be using them.
 */
import { linkSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TEMP_SUFFIX, tempPathFor } from './atomic.ts';

export const LOCK_FILE = '.lectern.lock';

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  /** ISO time the lock was taken. */
  started: string;
}

export class ContentLockedError extends Error {
  readonly lockFile: string;
  readonly holder: LockHolder | null;
  constructor(lockFile: string, holder: LockHolder | null) {
    const who = holder
      ? `${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.started})`
      : 'another lectern command (its lock file cannot be read)';
    super(
      `the content folder is in use by ${who}. Wait for it to finish and run this again. ` +
        `If no lectern command is running, delete ${lockFile}.`,
    );
    this.lockFile = lockFile;
    this.holder = holder;
  }
}

export interface LockOptions {
  /** How long to wait for another command to finish, in ms (default 30 s). */
  waitMs?: number;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (holder: LockHolder | null) => void;
}

export interface ContentLock {
  /** Temp files of interrupted runs that were deleted when the lock was taken. */
  cleaned: string[];
  release(): void;
}

/**
 * Takes the content folder's lock for `command` (waiting up to `waitMs` for a live holder),
 * deletes stale temp files, and releases the lock when the process exits. Throws
 * ContentLockedError when the folder stays busy.
 */
export function lockContent(contentDir: string, command: string, options: LockOptions = {}): ContentLock {
  const lockFile = join(contentDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, host: hostname(), command, started: new Date().toISOString() };
  const text = `${JSON.stringify(mine)}\n`;
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  let waiting = false;
  for (;;) {
    if (tryCreate(lockFile, text)) break;
    const holder = readHolder(lockFile);
    if (holder === undefined) continue; // released between our two calls: try again
    if (holder !== null && isStale(holder)) {
      breakStaleLock(lockFile, holder);
      continue;
    }
    if (Date.now() >= deadline) throw new ContentLockedError(lockFile, holder);
    if (!waiting) options.onWait?.(holder);
    waiting = true;
    sleep(100);
  }

  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    // Only our own lock: never one a later command took after ours was judged stale.
    if (readLockText(lockFile) === text) rmSync(lockFile, { force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    release();
    process.kill(process.pid, signal);
  };
  process.on('exit', release);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  return { cleaned: removeStaleTempFiles(contentDir), release };
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function tryCreate(lockFile: string, text: string): boolean {
  const temp = tempPathFor(lockFile);
  writeFileSync(temp, text);
  try {
    linkSync(temp, lockFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new Error(`cannot create the lock file ${lockFile}: ${(error as Error).message}`, { cause: error });
  } finally {
    rmSync(temp, { force: true });
  }
}

function readLockText(lockFile: string): string | undefined {
  try {
    return readFileSync(lockFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The holder; undefined when there is no lock file, null when it cannot be understood. */
function readHolder(lockFile: string): LockHolder | null | undefined {
  const text = readLockText(lockFile);
  if (text === undefined) return undefined;
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? holder : null;
  } catch {
    return null;
  }
}

/** A holder on this machine whose process no longer exists. (Another host's lock is never judged.) */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Moves a stale lock aside and deletes it. Two commands may judge one lock stale at once: the
 * rename lets only one move it, and a lock that is no longer the stale one is put back.
 */
function breakStaleLock(lockFile: string, stale: LockHolder): void {
  const aside = tempPathFor(lockFile);
  try {
    renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved && (moved.pid !== stale.pid || moved.started !== stale.started)) {
    // We moved a fresh lock someone took meanwhile: restore it unless yet another exists.
    try {
      linkSync(aside, lockFile);
    } catch {
      // A third command holds the lock now; the one we moved was taken over by it.
    }
  }
  rmSync(aside, { force: true });
}

/** Deletes `*.lectern.tmp` files in the content folder and its subfolders; returns their paths. */
export function removeStaleTempFiles(contentDir: string): string[] {
  const removed: string[] = [];
  const visit = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isFile() && entry.name.endsWith(TEMP_SUFFIX) && !isLiveLockAttempt(entry.name)) {
        rmSync(path, { force: true });
        removed.push(path);
      } else if (entry.isDirectory() && depth < 2 && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
        visit(path, depth + 1);
      }
    }
  };
  visit(contentDir, 0);
  return removed.sort();
}

/**
 * A temp file another command is about to link into place as the lock (`..lectern.lock.<pid>.…`):
 * commands waiting for the lock make them, so only those of dead processes are stale.
 */
function isLiveLockAttempt(name: string): boolean {
  const pid = /^\.\.lectern\.lock\.(\d+)\./.exec(name)?.[1];
  return pid !== undefined && isStale({ pid: Number(pid), host: hostname(), command: '', started: '' }) === false;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
