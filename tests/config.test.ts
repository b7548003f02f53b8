/** src/config.ts: every LECTERN_* setting and its default, computed one way. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentDirOption, DEFAULT_SITE, lecternConfig } from '../src/config.ts';

const CWD = '/srv/site';

describe('lecternConfig', () => {
  it('has a default for every setting, resolved against the working folder', () => {
    const before = Date.now();
    expect(lecternConfig({}, CWD)).toEqual({
      contentDir: '/srv/site/content',
      outDir: '/srv/site/dist',
      buildOutDir: '/srv/site/dist',
      site: DEFAULT_SITE,
      base: '/',
      astroCacheDir: '/srv/site/node_modules/.astro',
      ogCacheDir: '/srv/site/node_modules/.cache/lectern-og',
      ogCacheDays: 30,
      citationCacheFile: '/srv/site/node_modules/.cache/lectern-citations.json',
      seedsDir: '/srv/site/content/listings',
      arxivApi: 'https://export.arxiv.org/api/query',
      arxivCacheDir: '/srv/site/.cache/arxiv',
      arxivIntervalSeconds: 3,
      buildConcurrency: 4,
      buildHeapMb: null,
      lockWaitSeconds: 30,
      timeZone: 'Europe/London',
      buildTime: expect.any(Date),
    });
    expect(lecternConfig({}, CWD).buildTime.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('takes the build time from SOURCE_DATE_EPOCH (whole seconds), for reproducible builds', () => {
    expect(lecternConfig({ SOURCE_DATE_EPOCH: '1795176000' }, CWD).buildTime.toISOString()).toBe('2026-11-20T12:00:00.000Z');
    expect(() => lecternConfig({ SOURCE_DATE_EPOCH: '2026-11-20' }, CWD)).toThrow(/SOURCE_DATE_EPOCH="2026-11-20": give the build's time as whole seconds/);
  });

  it('reads each variable; an empty one counts as unset', () => {
    const config = lecternConfig(
      { LECTERN_CONTENT: '../group', LECTERN_SITE: 'https://example.github.io', LECTERN_BASE: 'reading-group', LECTERN_OUT_DIR: '', LECTERN_OG_CACHE_DAYS: '7' },
      CWD,
    );
    expect(config.contentDir).toBe('/srv/group');
    expect(config.site).toBe('https://example.github.io');
    expect(config.base).toBe('/reading-group/');
    expect(config.outDir).toBe('/srv/site/dist');
    expect(config.ogCacheDays).toBe(7);
  });

  it('builds inside the project when the output folder is outside it (Astro would rename across mounts)', () => {
    const config = lecternConfig({ LECTERN_OUT_DIR: '/mnt/www/dist' }, CWD);
    expect(config.outDir).toBe('/mnt/www/dist');
    expect(config.buildOutDir.startsWith(join(CWD, 'node_modules/.cache/lectern-out/'))).toBe(true);
  });

  it('rejects a cache age that is not a number of days', () => {
    expect(() => lecternConfig({ LECTERN_OG_CACHE_DAYS: 'week' }, CWD)).toThrow(/LECTERN_OG_CACHE_DAYS="week"/);
  });

  it('takes the build heap in whole megabytes, 256 or more', () => {
    expect(lecternConfig({ LECTERN_BUILD_HEAP_MB: '3072' }, CWD).buildHeapMb).toBe(3072);
    for (const value of ['2GB', '100', '1.5']) {
      expect(() => lecternConfig({ LECTERN_BUILD_HEAP_MB: value }, CWD)).toThrow(new RegExp(`LECTERN_BUILD_HEAP_MB="${value}": give the heap in whole megabytes`));
    }
  });

  it('reads the arXiv settings of `npm run enrich`; the interval must be a number of seconds', () => {
    const config = lecternConfig({ LECTERN_ARXIV_API: 'http://127.0.0.1:9/api/query', LECTERN_ARXIV_CACHE: '/tmp/arxiv', LECTERN_ARXIV_INTERVAL: '0.5' }, CWD);
    expect(config).toMatchObject({ arxivApi: 'http://127.0.0.1:9/api/query', arxivCacheDir: '/tmp/arxiv', arxivIntervalSeconds: 0.5 });
    expect(() => lecternConfig({ LECTERN_ARXIV_INTERVAL: 'soon' }, CWD)).toThrow(/LECTERN_ARXIV_INTERVAL="soon"/);
  });
});

describe('contentDirOption', () => {
  it('prefers --content, then LECTERN_CONTENT, then content/, shown relative to the working folder', () => {
    expect(contentDirOption('fixtures/c', { LECTERN_CONTENT: 'other' }, CWD)).toBe('fixtures/c');
    expect(contentDirOption(undefined, { LECTERN_CONTENT: 'other' }, CWD)).toBe('other');
    expect(contentDirOption(undefined, {}, CWD)).toBe('content');
    expect(contentDirOption('/elsewhere/c', {}, CWD)).toBe('/elsewhere/c');
  });
});
