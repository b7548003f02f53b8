import { describe as group, expect, it } from 'vitest';
import fc from 'fast-check';
import { describe, DESCRIPTION_MAX_CHARS } from '../../src/core/share/description.ts';

group('describe (meta description at a sentence boundary)', () => {
  it('keeps whole sentences that fit and stops before the one that does not', () => {
    const text = 'First sentence is short. Second one is also short. ' + 'Third sentence is long '.repeat(12) + 'end.';
    expect(describe(text, 120)).toBe('First sentence is short. Second one is also short.');
  });

  it('does not end a sentence at abbreviations or decimals', () => {
    const text = 'We use methods, e.g. sparse attention, and reach 3.5 points. More follows here and it is long enough.';
    expect(describe(text, 70)).toBe('We use methods, e.g. sparse attention, and reach 3.5 points.');
  });

  it('turns math into readable text and measures the readable length', () => {
    expect(describe('PixArt-$\\alpha$ trains $5.18\\times$ faster. Next.', 30)).toBe('PixArt-α trains 5.18× faster.');
  });

  it('cuts a first sentence longer than the limit at a word boundary with an ellipsis', () => {
    const long = 'Structural re-parameterization is a general training scheme for Convolutional Neural Networks which achieves performance improvement without increasing inference cost.';
    const out = describe(long, 60);
    expect(out.endsWith('…')).toBe(true);
    expect(out.length).toBeLessThanOrEqual(60);
    expect(long.startsWith(out.slice(0, -1))).toBe(true);
    expect(out.slice(0, -1)).not.toMatch(/\s$/);
  });

  it('gives an empty description for empty text', () => {
    expect(describe('  ')).toBe('');
  });

  it('never exceeds the limit (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.integer({ min: 20, max: 400 }), (text, max) => {
        const out = describe(text, max);
        return out.length <= max;
      }),
    );
    expect(DESCRIPTION_MAX_CHARS).toBeGreaterThanOrEqual(160);
  });
});
