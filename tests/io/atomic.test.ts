/** src/io/atomic.ts: whole files or nothing, and folders moved across filesystems (issue 14 #17). */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceDirectory, TEMP_SUFFIX, writeFileAtomic } from '../../src/io/atomic.ts';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'lectern-atomic-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A rename that fails like one between two mounts, as Linux does for /tmp -> /dev/shm. */
function crossDeviceRename(from: string, to: string): void {
  if (from.startsWith(join(work, 'device-a'))) throw Object.assign(new Error(`EXDEV: cross-device link not permitted, rename '${from}' -> '${to}'`), { code: 'EXDEV' });
  renameSync(from, to);
}

describe('writeFileAtomic', () => {
  it('creates the folder, writes the file and leaves no temp file', () => {
    const target = join(work, 'a', 'b', 'paper.mdx');
    writeFileAtomic(target, 'first');
    writeFileAtomic(target, 'second');
    expect(readFileSync(target, 'utf8')).toBe('second');
    expect(readdirSync(join(work, 'a', 'b'))).toEqual(['paper.mdx']);
  });

  it('keeps the old file and removes its temp file when the write fails', () => {
    const target = join(work, 'paper.mdx');
    writeFileAtomic(target, 'old');
    mkdirSync(join(work, 'dir.mdx'));
    expect(() => writeFileAtomic(join(work, 'dir.mdx'), 'x')).toThrow(/cannot write .*dir\.mdx/);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(work).filter((name) => name.endsWith(TEMP_SUFFIX))).toEqual([]);
  });
});

describe('replaceDirectory', () => {
  function site(dir: string, text: string): void {
    mkdirSync(join(dir, 'papers', 'x'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), text);
    writeFileSync(join(dir, 'papers', 'x', 'index.html'), `${text} paper`);
  }

  it('renames on one filesystem, replacing the old output', () => {
    site(join(work, 'built'), 'new');
    site(join(work, 'dist'), 'old');
    replaceDirectory(join(work, 'built'), join(work, 'dist'));
    expect(readFileSync(join(work, 'dist', 'papers', 'x', 'index.html'), 'utf8')).toBe('new paper');
    expect(readdirSync(work)).toEqual(['dist']);
  });

  it('copies, then deletes the source, when the rename crosses devices (EXDEV)', () => {
    const from = join(work, 'device-a', 'built');
    const to = join(work, 'device-b', 'dist');
    site(from, 'new');
    site(to, 'old');
    replaceDirectory(from, to, crossDeviceRename);
    expect(readFileSync(join(to, 'index.html'), 'utf8')).toBe('new');
    expect(readFileSync(join(to, 'papers', 'x', 'index.html'), 'utf8')).toBe('new paper');
    expect(readdirSync(join(work, 'device-a'))).toEqual([]);
    expect(readdirSync(join(work, 'device-b'))).toEqual(['dist']);
  });

  it('puts the old output back when the move fails for another reason', () => {
    site(join(work, 'dist'), 'old');
    expect(() => replaceDirectory(join(work, 'missing'), join(work, 'dist'))).toThrow(/ENOENT/);
    expect(readFileSync(join(work, 'dist', 'index.html'), 'utf8')).toBe('old');
    expect(readdirSync(work)).toEqual(['dist']);
  });
});
