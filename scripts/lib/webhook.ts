/**
 * POSTs JSON messages to an incoming webhook (Slack or Discord), one after the other, in order.
 * A 429 answer is retried after the `Retry-After` the service sent (seconds; Discord also puts
 * `retry_after` in its JSON body), up to `maxAttempts` per message; any other failure stops
 * with the status and the service's words.
 */
export interface PostOptions {
  readonly maxAttempts?: number;
  /** Longest wait a 429 may ask for, in seconds; a longer one fails instead of hanging. */
  readonly maxWaitSeconds?: number;
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds to wait from a 429 answer: the Retry-After header, else Discord's JSON `retry_after`, else 1. */
async function retryAfterSeconds(response: Response): Promise<number> {
  const header = Number(response.headers.get('retry-after'));
  if (Number.isFinite(header) && header >= 0 && response.headers.has('retry-after')) return header;
  try {
    const body = (await response.json()) as { retry_after?: unknown };
    if (typeof body.retry_after === 'number' && body.retry_after >= 0) return body.retry_after;
  } catch {
    // Not JSON: fall through.
  }
  return 1;
}

export async function postWebhookMessages(url: string, payloads: readonly unknown[], options: PostOptions = {}): Promise<void> {
  const { maxAttempts = 5, maxWaitSeconds = 60, log = () => {}, sleep = wait } = options;
  for (const [index, payload] of payloads.entries()) {
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      if (response.ok) {
        log(`Posted message ${index + 1} of ${payloads.length}.`);
        break;
      }
      if (response.status === 429 && attempt < maxAttempts) {
        const seconds = await retryAfterSeconds(response);
        if (seconds > maxWaitSeconds) throw new Error(`the webhook asked to wait ${seconds} s (429); try again later`);
        log(`Rate limited (429): waiting ${seconds} s as Retry-After asks, then retrying message ${index + 1}.`);
        await sleep(seconds * 1000);
        continue;
      }
      const text = (await response.text()).slice(0, 300);
      throw new Error(`the webhook answered ${response.status} to message ${index + 1} of ${payloads.length}${text ? `: ${text}` : ''}`);
    }
  }
}
