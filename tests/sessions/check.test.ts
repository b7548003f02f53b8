import { describe, expect, it } from 'vitest';
import { checkSession, lineOfSlug } from '../../src/core/sessions/check.ts';
import { sessionSchema } from '../../src/core/sessions/schema.ts';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';

const source = `---
date: 2026-11-19
time: "16:00"
presenters:
  - "Ada"
papers:
  - flashattention
  - no-such-paper
---

Notes mention no-such-paper too.
`;

describe('session schema', () => {
  it('reads the frontmatter people write (unquoted YAML dates become days)', () => {
    const data = sessionSchema.parse({ date: new Date('2026-11-19'), papers: ['a'], presenters: ['Ada'] });
    expect(data).toMatchObject({ date: '2026-11-19', time: '16:00', papers: ['a'], presenters: ['Ada'] });
  });
  it('rejects a time that is not HH:MM, a session without papers and a non-http link', () => {
    expect(sessionSchema.safeParse({ date: '2026-11-19', time: '4pm', papers: ['a'] }).success).toBe(false);
    expect(sessionSchema.safeParse({ date: '2026-11-19', papers: [] }).success).toBe(false);
    expect(sessionSchema.safeParse({ date: '2026-11-19', papers: ['a'], slides: 'javascript:alert(1)' }).success).toBe(false);
  });
});

describe('checkSession', () => {
  it('names the file and the line of an unknown paper slug', () => {
    const diagnostics = checkSession('content/sessions/2026-11-19.mdx', '2026-11-19', source, { date: '2026-11-19', papers: ['flashattention', 'no-such-paper'] }, new Set(['flashattention']));
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'content/sessions/2026-11-19.mdx:8: error: session lists the unknown paper "no-such-paper". Use the file name of a paper in papers/ without .mdx (npm run session -- new checks them).',
    ]);
  });
  it('accepts a session whose papers all exist', () => {
    expect(checkSession('s.mdx', '2026-11-19', source, { date: '2026-11-19', papers: ['flashattention'] }, new Set(['flashattention']))).toEqual([]);
  });
  it('flags a date that is not the file name', () => {
    const [d] = checkSession('s.mdx', '2026-11-20', source, { date: '2026-11-19', papers: ['flashattention'] }, new Set(['flashattention']));
    expect(d).toMatchObject({ code: 'session-date-mismatch', line: 2 });
  });
  it('finds inline lists and does not match a slug inside a longer one', () => {
    expect(lineOfSlug('---\ndate: x\npapers: [ab, a]\n---\n', 'a')).toBe(3);
    expect(lineOfSlug('---\npapers:\n  - a-b\n  - a\n---\n', 'a')).toBe(4);
  });
});
