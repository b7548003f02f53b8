/**
 * A content folder without themes.yaml builds with lectern's default taxonomy, and the build
 * says so (issue 13 §2). Before, the build died with a raw ENOENT.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, REPO_ROOT, type SiteBuild } from '../helpers/site-build.ts';

let content: string;
let site: SiteBuild;

beforeAll(async () => {
  content = mkdtempSync(join(REPO_ROOT, '.cache', 'no-themes-'));
  cpSync(join(REPO_ROOT, 'tests/fixtures/site-content/papers'), join(content, 'papers'), { recursive: true });
  site = await buildSite({ content });
});
afterAll(() => rmSync(content, { recursive: true, force: true }));

describe('a content folder without themes.yaml', () => {
  it('builds, and the log names the taxonomy it used', () => {
    expect(site.log).toContain(`themes: lectern's default taxonomy (4 themes); ${join(content, 'themes.yaml')} does not exist`);
  });

  it('has the default themes\' pages', () => {
    for (const theme of ['efficient-attention', 'quantization', 'moe', 'ssm']) {
      expect(existsSync(join(site.outDir, 'themes', theme, 'index.html'))).toBe(true);
    }
  });
});
