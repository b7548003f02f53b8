/**
 * What `digest export --post` does after each webhook answer (Slack or Discord incoming
 * webhooks): go on with the next message, wait and send the same message again after a 429, or
 * stop with the status and the service's words. Pure: scripts/lib/webhook.ts does the posting.
 */

export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Longest wait a 429 may ask for, in seconds; a longer one fails instead of hanging. */
  readonly maxWaitSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, maxWaitSeconds: 60 };

/** A webhook's answer to one message; `body` is read only when the answer is not ok. */
export interface WebhookAnswer {
  readonly status: number;
  readonly ok: boolean;
  readonly retryAfter: string | null;
  readonly body: string;
}

export type WebhookStep = { action: 'next' } | { action: 'retry'; seconds: number } | { action: 'fail'; message: string };

/** Seconds a 429 answer asks to wait: the Retry-After header, else Discord's JSON `retry_after`, else 1. */
export function retryAfterSeconds(retryAfter: string | null, body: string): number {
  const header = Number(retryAfter);
  if (retryAfter !== null && Number.isFinite(header) && header >= 0) return header;
  try {
    const parsed = JSON.parse(body) as { retry_after?: unknown };
    if (typeof parsed.retry_after === 'number' && parsed.retry_after >= 0) return parsed.retry_after;
  } catch {
    // Not JSON: fall through.
  }
  return 1;
}

/** The step after `answer` to message `index` (0-based) of `total`, on its `attempt`th try (1-based). */
export function nextWebhookStep(answer: WebhookAnswer, at: { index: number; total: number; attempt: number }, policy: RetryPolicy = DEFAULT_RETRY_POLICY): WebhookStep {
  if (answer.ok) return { action: 'next' };
  if (answer.status === 429 && at.attempt < policy.maxAttempts) {
    const seconds = retryAfterSeconds(answer.retryAfter, answer.body);
    if (seconds > policy.maxWaitSeconds) return { action: 'fail', message: `the webhook asked to wait ${seconds} s (429); try again later` };
    return { action: 'retry', seconds };
  }
  const words = answer.body.slice(0, 300);
  return { action: 'fail', message: `the webhook answered ${answer.status} to message ${at.index + 1} of ${at.total}${words ? `: ${words}` : ''}` };
}
