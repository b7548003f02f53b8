/**
 * POSTs JSON messages to an incoming webhook (Slack or Discord), one after the other, in order,
 * retrying and stopping as src/core/digest/webhook-retry.ts decides.
 */
import { DEFAULT_RETRY_POLICY, nextWebhookStep, type RetryPolicy } from '../../src/core/digest/webhook-retry.ts';

export interface PostOptions {
  readonly policy?: RetryPolicy;
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function postWebhookMessages(url: string, payloads: readonly unknown[], options: PostOptions = {}): Promise<void> {
  const { policy = DEFAULT_RETRY_POLICY, log = () => {}, sleep = wait } = options;
  for (const [index, payload] of payloads.entries()) {
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      const answer = { status: response.status, ok: response.ok, retryAfter: response.headers.get('retry-after'), body: response.ok ? '' : await response.text() };
      const step = nextWebhookStep(answer, { index, total: payloads.length, attempt }, policy);
      if (step.action === 'fail') throw new Error(step.message);
      if (step.action === 'next') {
        log(`Posted message ${index + 1} of ${payloads.length}.`);
        break;
      }
      log(`Rate limited (429): waiting ${step.seconds} s as Retry-After asks, then retrying message ${index + 1}.`);
      await sleep(step.seconds * 1000);
    }
  }
}
