/** `npm run session -- new` on a copy of the fixture content (issue 15, "Reading sessions"). */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionSchema } from '../../src/core/sessions/schema.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const FIXTURE = join(ROOT, 'tests/fixtures/site-content');
const MAMBA = 'mamba-linear-time-sequence-modeling-with-selective-state-spaces';

function session(...args: string[]) {
  const { LECTERN_CONTENT, ...env } = process.env;
  const result = spawnSync(NODE, [join(ROOT, 'scripts/session.ts'), ...args], { encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run session', () => {
  let content: string;
  beforeAll(() => {
    content = mkdtempSync(join(tmpdir(), 'lectern-session-cli-'));
    cpSync(FIXTURE, content, { recursive: true });
  });
  afterAll(() => rmSync(content, { recursive: true, force: true }));

  it('prints its help', () => {
    const run = session('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('npm run session -- new --date YYYY-MM-DD');
  });

  it('scaffolds a session the schema reads back', () => {
    const run = session('new', '--content', content, '--date', '2026-12-10', '--papers', MAMBA, '--presenter', 'Ada Example', '--presenter', 'Ben', '--time', '15:30', '--place', 'Room: 4.02 # "west"');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sessions/2026-12-10.mdx');
    const text = readFileSync(join(content, 'sessions/2026-12-10.mdx'), 'utf8');
    expect(sessionSchema.parse(load(text.split('---\n')[1]!))).toEqual({ date: '2026-12-10', time: '15:30', place: 'Room: 4.02 # "west"', presenters: ['Ada Example', 'Ben'], papers: [MAMBA] });
  });

  it('never overwrites an existing session', () => {
    const before = readFileSync(join(content, 'sessions/2026-11-19.mdx'), 'utf8');
    const run = session('new', '--content', content, '--date', '2026-11-19', '--papers', MAMBA);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already exists; not overwriting it');
    expect(readFileSync(join(content, 'sessions/2026-11-19.mdx'), 'utf8')).toBe(before);
  });

  it('refuses unknown slugs with a clear message and writes nothing', () => {
    const run = session('new', '--content', content, '--date', '2026-12-17', '--papers', `${MAMBA},mamba`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`session: unknown paper "mamba": there is no papers/mamba.mdx. Did you mean "${MAMBA}"?`);
    expect(existsSync(join(content, 'sessions/2026-12-17.mdx'))).toBe(false);
    expect(readdirSync(join(content, 'sessions')).filter((name) => !name.endsWith('.mdx'))).toEqual([]);
  });

  it('needs --date and --papers (usage error, exit 2)', () => {
    const run = session('new', '--content', content, '--papers', MAMBA);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--date is required');
  });
});
