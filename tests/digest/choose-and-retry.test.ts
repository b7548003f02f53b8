/**
 * The two decisions `npm run digest -- export` takes before and after its I/O: which week
 * `--week` means (src/core/digest/choose.ts), and what to do after each webhook answer
 * (src/core/digest/webhook-retry.ts). The CLI runs of both are in digest.test.ts and cli.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseDigest, parseWeekChoice } from '../../src/core/digest/choose.ts';
import { buildDigests, type DigestPaperInput } from '../../src/core/digest/digest.ts';
import { nextWebhookStep, retryAfterSeconds } from '../../src/core/digest/webhook-retry.ts';

const paper = (slug: string, added: string): DigestPaperInput => ({ slug, title: slug, abstract: `${slug}.`, added, themes: [] });

describe('the week --week means', () => {
  const digests = buildDigests([paper('a', '2026-11-24'), paper('b', '2026-11-10'), paper('c', '2026-11-11')], []);

  it('latest by default, previous, or an ISO week as people type it', () => {
    expect(parseWeekChoice(undefined)).toBe('latest');
    expect(parseWeekChoice('latest')).toBe('latest');
    expect(parseWeekChoice('previous')).toBe('previous');
    expect(parseWeekChoice('2026w46')).toEqual({ year: 2026, week: 46 });
    expect(parseWeekChoice('2027-W53')).toBeNull();
    expect(parseWeekChoice('last')).toBeNull();
  });

  it('picks the newest week with papers, the one before it, or the week named', () => {
    const pick = (spec: string | undefined) => {
      const chosen = chooseDigest(parseWeekChoice(spec)!, digests, 'content/papers');
      return chosen.ok ? chosen.digest.id : chosen.diagnostic.message;
    };
    expect([pick(undefined), pick('previous'), pick('2026-W46')]).toEqual(['2026-W48', '2026-W46', '2026-W46']);
  });

  it('names the folder and the weeks there are when the week has no papers', () => {
    expect(chooseDigest({ year: 2026, week: 10 }, digests, 'content/papers')).toEqual({
      ok: false,
      diagnostic: { severity: 'error', file: 'content/papers', line: 0, message: '2026-W10 has no papers and no intro.', hint: 'Weeks with papers: 2026-W48, 2026-W46.' },
    });
    expect(chooseDigest('latest', [], 'content/papers')).toMatchObject({ ok: false, diagnostic: { message: 'there is no latest week with papers.', hint: 'Weeks with papers: none yet: import a listing first.' } });
  });
});

describe('after a webhook answers', () => {
  const at = { index: 1, total: 3, attempt: 1 };
  const answer = (status: number, retryAfter: string | null = null, body = '') => ({ status, ok: status >= 200 && status < 300, retryAfter, body });

  it('goes on after a success, waits as a 429 asks (Retry-After, else Discord\'s retry_after, else 1 s)', () => {
    expect(nextWebhookStep(answer(204), at)).toEqual({ action: 'next' });
    expect(nextWebhookStep(answer(429, '2'), at)).toEqual({ action: 'retry', seconds: 2 });
    expect(nextWebhookStep(answer(429, null, '{"message":"You are being rate limited.","retry_after":0.5,"global":false}'), at)).toEqual({ action: 'retry', seconds: 0.5 });
    expect(nextWebhookStep(answer(429, null, 'slow down'), at)).toEqual({ action: 'retry', seconds: 1 });
  });

  it('stops with the status and the service\'s words, after the last attempt, or when the wait is too long', () => {
    expect(nextWebhookStep(answer(404, null, 'no_service'), at)).toEqual({ action: 'fail', message: 'the webhook answered 404 to message 2 of 3: no_service' });
    expect(nextWebhookStep(answer(429, '1', 'rate_limited'), { ...at, attempt: 5 })).toEqual({ action: 'fail', message: 'the webhook answered 429 to message 2 of 3: rate_limited' });
    expect(nextWebhookStep(answer(429, '3600'), at)).toEqual({ action: 'fail', message: 'the webhook asked to wait 3600 s (429); try again later' });
  });

  it('never waits a negative, unreadable or over-long time', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: null }), fc.string(), (header, body) => {
        const seconds = retryAfterSeconds(header, body);
        expect(Number.isFinite(seconds) && seconds >= 0).toBe(true);
        const step = nextWebhookStep(answer(429, header, body), at);
        if (step.action === 'retry') expect(step.seconds).toBeLessThanOrEqual(60);
      }),
    );
  });
});
