/**
 * Static checks of a built site, shared by the site, digest and links tests: reading pages with
 * cheerio, and finding broken internal links and anchors.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { REPO_ROOT, filesIn } from './site-build.ts';

const pageCache = new Map<string, CheerioAPI>();

/** A built page (path relative to the out dir, e.g. `papers/x/index.html`) as a cheerio document. */
export function readPage(outDir: string, path: string): CheerioAPI {
  const file = join(outDir, path);
  let page = pageCache.get(file);
  if (!page) {
    page = load(readFileSync(file, 'utf8'));
    pageCache.set(file, page);
  }
  return page;
}

/** The file a site URL path maps to (`/base/x/` -> `x/index.html`), or null when it does not exist. */
export function fileForPath(outDir: string, base: string, pathname: string): string | null {
  if (!pathname.startsWith(base)) return null;
  const rest = decodeURIComponent(pathname.slice(base.length));
  const candidates = rest === '' || rest.endsWith('/') ? [join(rest, 'index.html')] : [rest, join(rest, 'index.html')];
  for (const candidate of candidates) {
    const file = join(outDir, candidate);
    if (existsSync(file) && statSync(file).isFile()) return candidate;
  }
  return null;
}

export interface BrokenLink {
  page: string;
  attribute: string;
  target: string;
  reason: string;
}

/**
 * Every internal reference in every HTML page (a/link href, script/img src, form action, and
 * absolute URLs on the site's own origin such as canonical and og:url) must resolve to a built
 * file, and a `#fragment` must name an element id on the target page.
 */
export function findBrokenLinks(outDir: string, base: string, site: string): BrokenLink[] {
  const origin = new URL(site).origin;
  const broken: BrokenLink[] = [];
  const pages = filesIn(outDir, '.html').filter((page) => !page.startsWith('pagefind/'));
  for (const page of pages) {
    const $ = readPage(outDir, page);
    const pageUrl = new URL(`${base}${page.replace(/index\.html$/, '')}`, origin);
    const references: [string, string][] = [];
    $('a[href], link[href]').each((_, el) => void references.push(['href', $(el).attr('href')!]));
    $('script[src], img[src]').each((_, el) => void references.push(['src', $(el).attr('src')!]));
    $('form[action]').each((_, el) => void references.push(['action', $(el).attr('action')!]));
    $('meta[property="og:url"], meta[property="og:image"], meta[name="twitter:image"]').each(
      (_, el) => void references.push(['content', $(el).attr('content')!]),
    );
    for (const [attribute, target] of references) {
      if (target === '' && attribute === 'action') continue; // a form that submits to its own page
      const url = new URL(target, pageUrl);
      if (url.origin !== origin) continue;
      const file = fileForPath(outDir, base, url.pathname);
      if (!file) {
        broken.push({ page, attribute, target, reason: 'no such file' });
        continue;
      }
      const id = decodeURIComponent(url.hash.slice(1));
      if (id && file.endsWith('.html')) {
        const $target = readPage(outDir, file);
        if ($target(`[id="${id.replace(/"/g, '\\"')}"]`).length === 0) {
          broken.push({ page, attribute, target, reason: `no element with id "${id}"` });
        }
      }
    }
  }
  return broken;
}

/**
 * Errors the W3C Nu HTML validator (vnu-jar, system Java) reports for the given pages (paths
 * relative to `outDir`), as `page:line: message`. Empty when the pages are valid.
 */
export function htmlValidationErrors(outDir: string, pages: string[]): string[] {
  const jar = join(REPO_ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
  let report = '';
  try {
    execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...pages.map((page) => join(outDir, page))], {
      encoding: 'utf8',
      stdio: 'pipe',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    report = String((error as { stderr?: string }).stderr || error);
  }
  if (!report) return [];
  let messages: { url?: string; message: string; lastLine?: number }[];
  try {
    messages = (JSON.parse(report) as { messages: typeof messages }).messages;
  } catch {
    return [`vnu did not run: ${report.slice(0, 500)}`];
  }
  return messages.map((m) => `${(m.url ?? '').replace(`file:${outDir}/`, '')}:${m.lastLine ?? 0}: ${m.message}`);
}
