import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const FIXTURE = join(ROOT, 'tests/fixtures/site-content');

function digest(...args: string[]) {
  const { LECTERN_SITE, LECTERN_BASE, LECTERN_CONTENT, ...env } = process.env;
  const result = spawnSync(NODE, [join(ROOT, 'scripts/digest.ts'), ...args], { encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run digest', () => {
  let content: string;
  beforeAll(() => {
    content = mkdtempSync(join(tmpdir(), 'lectern-digest-cli-'));
    cpSync(FIXTURE, content, { recursive: true });
  });
  afterAll(() => rmSync(content, { recursive: true, force: true }));

  it('--help explains both commands and exits 0', () => {
    const { code, stdout } = digest('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/new/);
    expect(stdout).toMatch(/export/);
    expect(stdout).toMatch(/--format <format>[\s\S]*slack-webhook[\s\S]*email/);
    expect(stdout).toMatch(/--post <URL>/);
  });

  it('new creates the week intro from a template listing its papers, and never overwrites it', () => {
    const first = digest('new', '--week', '2026-W47', '--content', content);
    expect(first.code, first.stderr).toBe(0);
    const file = join(content, 'digests/2026-w47.mdx');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^---\ntitle: "Week 47, 2026"\n/);
    expect(text).toContain('../../papers/flashattention-fast-and-memory-efficient-exact-attention-with-io-awareness/');
    writeFileSync(file, `${text}\nOur own words.\n`);
    const second = digest('new', '--week', '2026-w47', '--content', content);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already exists/);
    expect(readFileSync(file, 'utf8')).toContain('Our own words.');
  });

  it('export prints the digest with absolute links under --site and --base', () => {
    const { code, stdout, stderr } = digest('export', '--week', '2026-W46', '--content', content, '--site', 'https://example.github.io', '--base', '/reading-group/');
    expect(code, stderr).toBe(0);
    const links = [...stdout.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(link).toMatch(/^https:\/\/example\.github\.io\/reading-group\//);
    expect(stdout).toContain('https://example.github.io/reading-group/papers/pixart-alpha-fast-training-of-diffusion-transformer/');
  });

  it('export in html, slack (paste) and slack-webhook', { timeout: 120_000 }, () => {
    const html = digest('export', '--week', '2026-W46', '--format', 'html', '--content', content);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('<a href="https://lectern.example.org/papers/');
    const slack = digest('export', '--week', '2026-W46', '--format', 'slack', '--content', content);
    expect(slack.code).toBe(0);
    expect(slack.stdout).toContain(' https://lectern.example.org/papers/');
    const webhook = digest('export', '--week', '2026-W46', '--format', 'slack-webhook', '--content', content);
    expect(webhook.stdout).toContain('<https://lectern.example.org/papers/');
  });

  it('usage errors exit 2 with a message', { timeout: 120_000 }, () => {
    expect(digest('export', '--week', '2027-W53', '--content', content).code).toBe(2);
    expect(digest('export', '--week', '2026-W46', '--format', 'pdf', '--content', content).code).toBe(2);
    const unknown = digest('publish');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "publish"/);
  });

  it('a week without papers or intro is an error naming the weeks that exist', () => {
    const { code, stderr } = digest('export', '--week', '2026-W10', '--content', content);
    expect(code).toBe(1);
    expect(stderr).toMatch(/2026-W46/);
  });

  it('a broken paper file is reported with file and line', () => {
    const broken = mkdtempSync(join(tmpdir(), 'lectern-digest-broken-'));
    try {
      cpSync(FIXTURE, broken, { recursive: true });
      const file = join(broken, 'papers/pixart-alpha-fast-training-of-diffusion-transformer.mdx');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^added: .*$/m, 'added: last tuesday'));
      const { code, stderr } = digest('export', '--week', '2026-W46', '--content', broken);
      expect(code).toBe(1);
      expect(stderr).toMatch(/pixart-alpha-fast-training-of-diffusion-transformer\.mdx:\d+: error: field "added": a date is written YYYY-MM-DD/);
      expect(existsSync(join(broken, 'digests'))).toBe(false);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
