/**
 * Temporary folders for one test file, removed once its tests are done:
 * `const temp = tempDirs('lectern-import-')`, then `temp()` or `temp('listings')`
 * (a folder named lectern-import-listings-XXXXXX).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export function tempDirs(prefix: string): (name?: string) => string {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  return (name) => {
    const dir = mkdtempSync(join(tmpdir(), name ? `${prefix}${name}-` : prefix));
    made.push(dir);
    return dir;
  };
}
