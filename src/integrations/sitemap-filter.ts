/**
 * Pages the sitemap leaves out: redirect pages of retired paper slugs (`/papers/<alias>/`,
 * marked with a meta refresh) are not content, and crawlers should index the paper's own URL.
 * The sitemap integration only sees URLs, so the built page itself is checked.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Whether the built page at `pageUrl` (absolute, from @astrojs/sitemap) is a redirect page. */
export function isRedirectPage(outDir: string, base: string, pageUrl: string): boolean {
  const pathname = decodeURIComponent(new URL(pageUrl).pathname);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  if (!pathname.startsWith(prefix)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(join(resolve(outDir), pathname.slice(prefix.length), 'index.html'), 'r');
    const head = Buffer.alloc(1024);
    const length = readSync(fd, head, 0, head.length, 0);
    return /<meta http-equiv="refresh"/i.test(head.subarray(0, length).toString('utf8'));
  } catch {
    return false; // not an HTML page of ours: keep it
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
