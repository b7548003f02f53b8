/** src/core/urls.ts: the one URL/path module, as tables (issue 13 §4). */
import { describe, expect, it } from 'vitest';
import { absoluteUrl, feedPaths, normaliseBase, sitePaths, withBase } from '../src/core/urls.ts';

describe('normaliseBase', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['//', '/'],
    ['reading-group', '/reading-group/'],
    ['/reading-group', '/reading-group/'],
    ['reading-group/', '/reading-group/'],
    ['/a/b/', '/a/b/'],
  ])('%j -> %j', (base, expected) => expect(normaliseBase(base)).toBe(expected));
});

describe('withBase', () => {
  it.each([
    ['/', '', '/'],
    ['/', 'papers/x/', '/papers/x/'],
    ['/', '/papers/x/', '/papers/x/'],
    ['/reading-group/', 'papers/x/', '/reading-group/papers/x/'],
    ['reading-group', '//themes/ssm/', '/reading-group/themes/ssm/'],
  ])('%j + %j -> %j', (base, path, expected) => expect(withBase(base, path)).toBe(expected));
});

describe('absoluteUrl', () => {
  it.each([
    ['https://lectern.example.org', '/', '', 'https://lectern.example.org/'],
    ['https://lectern.example.org/', '/', 'papers/x/', 'https://lectern.example.org/papers/x/'],
    ['https://example.github.io', '/reading-group/', 'papers/x/', 'https://example.github.io/reading-group/papers/x/'],
    ['https://example.github.io', 'reading-group', '/digests/rss.xml', 'https://example.github.io/reading-group/digests/rss.xml'],
    ['https://example.org/group', '/', 'themes/ssm/', 'https://example.org/group/themes/ssm/'],
  ])('%s + %s + %s', (site, base, path, expected) => expect(absoluteUrl({ site, base }, path)).toBe(expected));
});

describe('route shapes', () => {
  it.each([
    [sitePaths.home(), ''],
    [sitePaths.papers(), 'papers/'],
    [sitePaths.paper('flash-attention'), 'papers/flash-attention/'],
    [sitePaths.themes(), 'themes/'],
    [sitePaths.theme('ssm'), 'themes/ssm/'],
    [sitePaths.digests(), 'digests/'],
    [sitePaths.digest('2026-w48'), 'digests/2026-w48/'],
    [sitePaths.search(), 'search/'],
    [feedPaths.papers(), 'papers/rss.xml'],
    [feedPaths.papersJson(), 'papers/feed.json'],
    [feedPaths.digests(), 'digests/rss.xml'],
    [feedPaths.theme('ssm'), 'themes/ssm/rss.xml'],
  ])('%s', (path, expected) => expect(path).toBe(expected));
});
