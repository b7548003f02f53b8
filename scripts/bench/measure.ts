/** Size and file count of a folder tree. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface TreeSize {
  bytes: number;
  files: number;
}

export function treeSize(dir: string): TreeSize {
  let bytes = 0;
  let files = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) {
        bytes += statSync(path).size;
        files += 1;
      }
    }
  }
  return { bytes, files };
}
