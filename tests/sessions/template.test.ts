import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { planNewSession } from '../../src/core/sessions/template.ts';
import { sessionSchema } from '../../src/core/sessions/schema.ts';

const known = ['flashattention-fast', 'flashattention-2-faster', 'mamba-linear-time'];

/** The frontmatter of a session file as the build's YAML reader sees it. */
function frontmatter(text: string): unknown {
  return load(text.split('---\n')[1]!);
}

describe('planNewSession', () => {
  it('writes a session the schema reads back as requested', () => {
    const plan = planNewSession({ date: '2026-12-10', papers: ['mamba-linear-time'], presenters: ['Ada Example'], time: '15:30', place: 'Room 4.02' }, known);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(sessionSchema.parse(frontmatter(plan.text))).toEqual({ date: '2026-12-10', time: '15:30', place: 'Room 4.02', presenters: ['Ada Example'], papers: ['mamba-linear-time'] });
  });
  it('refuses unknown slugs, naming them with near matches, and bad dates and times', () => {
    const plan = planNewSession({ date: '2026-02-30', papers: ['flashattention', 'nope'], presenters: [], time: '4pm' }, known);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems[0]).toBe('unknown paper "flashattention": there is no papers/flashattention.mdx. Did you mean "flashattention-fast", "flashattention-2-faster"?');
    expect(plan.problems[1]).toBe('unknown paper "nope": there is no papers/nope.mdx. Use the file name of a paper without .mdx.');
    expect(plan.problems.join('\n')).toMatch(/--date: 2026-02-30 is not a day of the calendar/);
    expect(plan.problems.join('\n')).toMatch(/--time: a time is written HH:MM/);
  });
  it('keeps any presenter name and place intact through YAML (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), { minLength: 1, maxLength: 3 }), fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), (presenters, place) => {
        const plan = planNewSession({ date: '2026-12-10', papers: ['mamba-linear-time'], presenters, place }, known);
        expect(plan.ok).toBe(true);
        if (!plan.ok) return;
        const read = sessionSchema.parse(frontmatter(plan.text));
        expect(read.presenters).toEqual(presenters.map((p) => p.trim()));
        expect(read.place).toBe(place.trim());
      }),
      { numRuns: 300 },
    );
  });
});
