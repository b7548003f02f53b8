/**
 * The site fixture (tests/fixtures/site-content) with what a reading group adds by hand, for the
 * issue 15 site tests that need it: a `tldr:` on Mamba, `featured: true` on PixArt-α (no theme, so
 * "Other" without it) and an upcoming reading session (in 2099, so it stays upcoming) on PixArt-α.
 * One folder shared by the test files that use it, so they share one cached build: files are
 * written only when they differ, each atomically, so concurrent test files never see half a file.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './site-build.ts';

export const VARIANT_CONTENT = '.cache/test-content/fixture-variant';
export const MAMBA = 'mamba-linear-time-sequence-modeling-with-selective-state-spaces';
export const PIXART = 'pixart-alpha-fast-training-of-diffusion-transformer';
export const MAMBA_TLDR = 'Lets a state-space model choose what to remember, matching Transformers at linear cost.';
export const UPCOMING_SESSION = '2099-01-08';
/**
 * The variant is built as on Friday 2026-11-20 (SOURCE_DATE_EPOCH): in the fixture's newest week
 * (2026-W47), so theme pages head it "This week", and after its 2026-11-19 session.
 */
export const VARIANT_ENV = { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 10, 20, 12) / 1000) };

const FIXTURE = join(REPO_ROOT, 'tests/fixtures/site-content');

function files(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

/** Writes the variant (when it differs from what is there) and returns its path for buildSite. */
export function fixtureVariant(): string {
  const wanted = new Map(files(FIXTURE).map((name) => [name, readFileSync(join(FIXTURE, name), 'utf8')]));
  const edit = (name: string, change: (text: string) => string) => {
    const before = wanted.get(name)!;
    const after = change(before);
    if (after === before) throw new Error(`fixture-variant: ${name} no longer has what the edit expects`);
    wanted.set(name, after);
  };
  edit(`papers/${MAMBA}.mdx`, (text) => text.replace(/^added: /m, `tldr: ${JSON.stringify(MAMBA_TLDR)}\nadded: `));
  edit(`papers/${PIXART}.mdx`, (text) => text.replace(/^added: /m, 'featured: true\nadded: '));
  wanted.set(
    `sessions/${UPCOMING_SESSION}.mdx`,
    ['---', `date: ${UPCOMING_SESSION}`, 'time: "17:00"', 'place: "Room 1.01"', 'presenters:', '  - "Ben Example"', 'papers:', `  - ${PIXART}`, '---', ''].join('\n'),
  );
  // A file the fixture no longer has goes (the .tmp of a concurrent writer is left alone).
  if (existsSync(join(REPO_ROOT, VARIANT_CONTENT))) {
    for (const name of files(join(REPO_ROOT, VARIANT_CONTENT))) {
      if (!wanted.has(name) && !name.endsWith('.tmp')) rmSync(join(REPO_ROOT, VARIANT_CONTENT, name));
    }
  }
  for (const [name, text] of wanted) {
    const file = join(REPO_ROOT, VARIANT_CONTENT, name);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, text);
    renameSync(`${file}.${process.pid}.tmp`, file);
  }
  return VARIANT_CONTENT;
}
