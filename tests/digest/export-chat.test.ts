/**
 * Issue 15, exports: the week chosen by default, the Slack paste and webhook forms, --compact,
 * --post to a webhook (split under each service's limit, 429 retried after Retry-After) and the
 * e-mail .eml, on the seeded content. Webhooks are a local HTTP server on 127.0.0.1 that records
 * what it receives. No recording of a real Slack or Discord webhook exchange exists in
 * ../shared/fixtures; the server answers only as their documentation says: Slack 200 with the
 * body "ok" (Slack's Python SDK docs, incoming webhooks), Discord 204 (Execute Webhook without
 * ?wait), and 429 with a Retry-After header; Discord's documented rate-limit body
 * (`message`, `retry_after`, `global`) is sent only by the Discord stand-in. Slack documents no
 * body for a webhook's 429, so the Slack stand-in sends none.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { buildDigests, type WeekDigest } from '../../src/core/digest/digest.ts';
import {
  DISCORD_STYLE, SLACK_PASTE_STYLE, SLACK_WEBHOOK_STYLE, digestToChat, exportDigest, splitMessage, webhookPayloads, type ExportInput,
} from '../../src/core/digest/export.ts';
import { themeList } from '../../src/core/themes/index.ts';
import { loadDigestIntro, loadPapers, loadTaxonomy } from '../../src/io/content.ts';
import { REPO_ROOT } from '../helpers/site-build.ts';
import { runScript } from '../helpers/cli.ts';

const CONTENT = join(REPO_ROOT, 'content');
const location = { site: 'https://example.github.io', base: '/reading-group/' };

function seededW48(): ExportInput {
  const papers = loadPapers(CONTENT).papers.map(({ paper }) => paper);
  const taxonomy = loadTaxonomy(CONTENT);
  if (!taxonomy.ok) throw new Error('taxonomy');
  const intro = loadDigestIntro(CONTENT, '2026-w48');
  if (!intro?.ok) throw new Error('intro');
  const digest = buildDigests(papers, themeList(taxonomy.taxonomy), new Map([['2026-w48', { ...intro.intro, body: intro.body }]])).find(
    (d) => d.slug === '2026-w48',
  ) as WeekDigest;
  return { digest, introBody: intro.body, location };
}

describe('chat forms of the W48 digest', () => {
  const input = seededW48();

  it('Slack paste form: no <url|label> syntax, bare URLs Slack links itself', async () => {
    const text = await exportDigest('slack', input);
    expect(text).not.toMatch(/<https?:[^>]*\|/);
    expect(text).toContain('https://example.github.io/reading-group/papers/quamba-a-post-training-quantization-recipe-for-selective/');
    expect(text).not.toContain('$');
  });

  it('--compact fits one message of each service: intro, featured papers, titles by theme', () => {
    const sizes = Object.fromEntries(
      ([['slack', SLACK_PASTE_STYLE], ['slack-webhook', SLACK_WEBHOOK_STYLE], ['discord', DISCORD_STYLE]] as const).map(([name, style]) => {
        const text = digestToChat(input, style, true);
        expect(text.length, name).toBeLessThanOrEqual(style.limit);
        expect(text, name).toMatch(/Featured/);
        expect(text, name).toMatch(/LServe/);
        expect(text, name).toMatch(/heavy on/);
        return [name, text.length];
      }),
    );
    expect(sizes.slack).toBeLessThanOrEqual(4000);
  });

  it('splits the full digest under each service limit without losing a line', () => {
    for (const service of ['slack', 'discord'] as const) {
      const style = service === 'slack' ? SLACK_WEBHOOK_STYLE : DISCORD_STYLE;
      const payloads = webhookPayloads(input, service);
      expect(payloads.length).toBeGreaterThan(1);
      const parts = payloads.map((p) => String(service === 'slack' ? p.text : p.content));
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(style.limit);
      expect(parts.join('\n').replace(/\n+/g, '\n')).toBe(digestToChat(input, style).trimEnd().replace(/\n+/g, '\n'));
      if (service === 'slack') {
        for (const payload of payloads) expect(payload.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: payload.text } }]);
      }
    }
    expect(splitMessage(`${'word '.repeat(100)}\nshort`, 50).every((part) => part.length <= 50)).toBe(true);
  });

  it('e-mail: a multipart/alternative .eml a mail parser reads, math as Unicode text unless MathML is asked for', async () => {
    const eml = await exportDigest('email', input);
    const mail = await simpleParser(eml);
    expect(mail.subject).toBe('Week 48, 2026: Serving long contexts: KV caches, sparse attention and a quantized Mamba');
    expect(String(mail.headers.get('content-type') && (mail.headers.get('content-type') as { value: string }).value)).toBe('multipart/alternative');
    expect(mail.text).toContain('https://example.github.io/reading-group/digests/2026-w48/');
    const html = String(mail.html);
    expect(html).toContain('Θ(N² d² / M)');
    expect(html).not.toContain('<math');
    expect(html).toMatch(/<h1 style="[^"]+">/);
    const withMathml = await simpleParser(await exportDigest('email', input, { math: 'mathml' }));
    expect(String(withMathml.html)).toContain('<math');
  });
});

interface Recorded {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

/** A webhook stand-in on 127.0.0.1: answers the first request 429 (Retry-After), then success. */
function webhookServer(service: 'slack' | 'discord'): Promise<{ server: Server; url: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body: JSON.parse(data) as Record<string, unknown>, at: Date.now() });
      if (requests.length === 1 && service === 'discord') {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: 1, global: false }));
      } else if (requests.length === 1) {
        // 2 s, not the 1 s lectern waits when a 429 says nothing: the test sees the header obeyed.
        res.writeHead(429, { 'retry-after': '2' });
        res.end();
      } else if (service === 'discord') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${port}/hook`, requests });
    }),
  );
}

describe('npm run digest -- export', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'lectern-export-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const digest = (...args: string[]) => runScript('scripts/digest.ts', ['export', '--content', CONTENT, ...args]);

  it('defaults to the latest week with papers; "previous" is the one before; an unknown week lists the weeks', async () => {
    const [latest, named, previous, missing] = await Promise.all([digest(), digest('--week', 'latest'), digest('--week', 'previous'), digest('--week', '2026-W10')]);
    expect(latest.code, latest.stderr).toBe(0);
    expect(latest.stdout).toMatch(/^# \[Serving long contexts/);
    expect(named.stdout).toBe(latest.stdout);
    expect(previous.stdout).toContain('2026-W47');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/2026-W10 has no papers and no intro\..*Weeks with papers: 2026-W48, 2026-W47, 2026-W46, 2026-W45/s);
  }, 120_000);

  it('--post sends every part to a Discord webhook in order, waiting out a 429 as Retry-After says', async () => {
    const hook = await webhookServer('discord');
    try {
      const run = await digest('--format', 'discord', '--post', hook.url);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/Rate limited \(429\): waiting 1 s/);
      const [rejected, ...accepted] = hook.requests;
      expect(accepted[0]!.body).toEqual(rejected!.body); // the same message again
      expect(accepted[0]!.at - rejected!.at).toBeGreaterThanOrEqual(950);
      expect(accepted.length).toBe(webhookPayloads(seededW48(), 'discord').length);
      for (const request of accepted) {
        expect(request.path).toBe('/hook');
        expect(String(request.body.content).length).toBeLessThanOrEqual(2000);
      }
      expect(String(accepted[0]!.body.content)).toMatch(/^\*\*\[Serving long contexts/);
    } finally {
      hook.server.close();
    }
  }, 120_000);

  it('--post --compact sends one Block Kit message to a Slack webhook', async () => {
    const hook = await webhookServer('slack');
    try {
      const run = await digest('--format', 'slack', '--compact', '--post', hook.url);
      expect(run.code, run.stderr).toBe(0);
      expect(hook.requests.length).toBe(2); // 429, then the one message
      expect(run.stderr).toMatch(/Rate limited \(429\): waiting 2 s/);
      expect(hook.requests[1]!.at - hook.requests[0]!.at).toBeGreaterThanOrEqual(1950);
      expect(hook.requests[1]!.body).toEqual(hook.requests[0]!.body);
      const body = hook.requests[1]!.body as { text: string; blocks: { type: string; text: { type: string; text: string } }[] };
      expect(body.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: body.text } }]);
      expect(body.text).toMatch(/<https:\/\/lectern\.example\.org\/digests\/2026-w48\/\|/);
    } finally {
      hook.server.close();
    }
  }, 120_000);

  it('--post without --compact sends the whole digest to a Slack webhook in Block Kit sections of at most 3,000 characters', async () => {
    const hook = await webhookServer('slack');
    try {
      const run = await digest('--format', 'slack', '--post', hook.url);
      expect(run.code, run.stderr).toBe(0);
      const accepted = hook.requests.slice(1);
      expect(accepted.length).toBe(webhookPayloads(seededW48(), 'slack').length);
      expect(accepted.length).toBeGreaterThan(1);
      for (const { body } of accepted) {
        const { text, blocks } = body as { text: string; blocks: { text: { text: string } }[] };
        expect(blocks).toHaveLength(1);
        expect(blocks[0]!.text.text).toBe(text);
        expect(text.length).toBeLessThanOrEqual(3000);
      }
    } finally {
      hook.server.close();
    }
  }, 120_000);

  it('--format email writes an .eml file', async () => {
    const file = join(out, 'w48.eml');
    const run = await digest('--format', 'email', '--out', file);
    expect(run.code, run.stderr).toBe(0);
    const mail = await simpleParser(readFileSync(file));
    expect(mail.html).toBeTruthy();
    expect(mail.text).toBeTruthy();
  }, 120_000);
});
