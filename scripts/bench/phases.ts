/**
 * Phases of an `astro build` read off its timestamped log.
 *
 * Astro's own markers give content sync, bundling (Vite) and page rendering; what runs after the
 * pages (integrations' astro:build:done hooks) is split by the summary lines the integrations
 * print (INTEGRATION_LINES). Whatever remains after rendering is "post-build (other)".
 */
import type { TimedLine } from './proc.ts';

export interface Phase {
  name: string;
  ms: number;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Summary lines of lectern's integrations (src/integrations/*): phase name and duration.
 * An integration without its own summary can print `[lectern:timing] <phase> <ms>ms`.
 */
export const INTEGRATION_LINES: Array<{ name: string; pattern: RegExp }> = [
  { name: 'search index', pattern: /\[lectern:search-index\] (?:indexed|reused the index of) .*? in (?<ms>\d+(?:\.\d+)?) ms/ },
  { name: 'OG images', pattern: /\[lectern:og-images\] \d+ Open Graph images in (?<ms>\d+(?:\.\d+)?) ms/ },
  { name: 'citation files', pattern: /\[lectern:citation(?:s|-files)\] \d+ citation files.*? in (?<ms>\d+(?:\.\d+)?) ms/ },
  { name: 'timing', pattern: /\[lectern:timing\]\s+(?<name>\S+)\s+(?<ms>\d+(?:\.\d+)?)\s*ms/ },
];

function find(lines: TimedLine[], pattern: RegExp, from = 0): number {
  for (let i = from; i < lines.length; i++) if (pattern.test(lines[i]!.text)) return i;
  return -1;
}

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export function buildPhases(raw: TimedLine[], wallMs: number): { phases: Phase[]; pages: number | null } {
  const lines = raw.map((l) => ({ at: l.at, text: stripAnsi(l.text) }));
  const phases: Phase[] = [];
  const at = (i: number) => (i >= 0 ? lines[i]!.at : NaN);
  const syncStart = find(lines, /\[content\] Syncing content/);
  const syncEnd = find(lines, /\[content\] Synced content/, Math.max(0, syncStart));
  const bundleStart = find(lines, /Building static entrypoints/);
  const renderStart = find(lines, /generating static routes/);
  const pagesLine = find(lines, /(\d+) page\(s\) built in/);
  const startup = syncStart >= 0 ? at(syncStart) : NaN;
  if (!Number.isNaN(startup)) phases.push({ name: 'startup + config', ms: startup });
  if (syncStart >= 0 && syncEnd >= 0) phases.push({ name: 'content sync', ms: at(syncEnd) - at(syncStart) });
  if (syncEnd >= 0 && bundleStart >= 0) phases.push({ name: 'types + build info', ms: at(bundleStart) - at(syncEnd) });
  if (bundleStart >= 0 && renderStart >= 0) phases.push({ name: 'bundle (vite)', ms: at(renderStart) - at(bundleStart) });
  const renderEnd = find(lines, /✓ Completed in/, Math.max(0, renderStart));
  if (renderStart >= 0 && renderEnd >= 0) phases.push({ name: 'render pages', ms: at(renderEnd) - at(renderStart) });
  let reported = 0;
  for (const line of lines) {
    for (const { name, pattern } of INTEGRATION_LINES) {
      const match = pattern.exec(line.text);
      if (match?.groups) {
        const ms = Number(match.groups.ms);
        phases.push({ name: match.groups.name ?? name, ms });
        reported += ms;
      }
    }
  }
  if (renderEnd >= 0) {
    const rest = wallMs - at(renderEnd) - reported;
    phases.push({ name: 'post-build (other)', ms: Math.max(0, rest) });
  }
  const pages = pagesLine >= 0 ? Number(/(\d+) page\(s\) built in/.exec(lines[pagesLine]!.text)![1]) : null;
  return { phases, pages };
}
