/**
 * Reading sessions in a real build of the fixture content (issue 15, "Reading sessions"): an
 * unknown paper slug in a session fails the build naming the file and line.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, REPO_ROOT } from '../helpers/site-build.ts';

const FIXTURE = join(REPO_ROOT, 'tests/fixtures/site-content');
const work = mkdtempSync(join(tmpdir(), 'lectern-sessions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a session naming a paper that does not exist', () => {
  it('fails the build naming the file and the line', async () => {
    const content = join(work, 'bad-slug');
    cpSync(FIXTURE, content, { recursive: true });
    const file = join(content, 'sessions', '2026-11-26.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  - flashattention-fast', '  - no-such-paper\n  - flashattention-fast'));
    const failure = await buildSite({ content }).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/sessions\/2026-11-26\.mdx:9: error: session lists the unknown paper "no-such-paper"/);
  }, 600_000);
});
