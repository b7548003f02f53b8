/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose key
 * and template code are unchanged since the last build is not rendered again, its previous
 * HTML is reused. A key is a hash of everything the page shows, so it must be computed from the
 * very values the page renders: leave one out and an edit to it leaves a stale page behind.
 */
import { createHash } from 'node:crypto';

/**
 * JSON text of `value` that does not depend on key order: object keys sorted, `undefined`
 * properties dropped (as JSON.stringify does), Maps as sorted entry lists, Sets as sorted
 * lists, `toJSON` honoured (Dates, URLs). Functions, symbols and bigints have no stable text:
 * they throw, so a page's key never silently ignores part of its data.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(normalise(value, []));
}

function normalise(value: unknown, path: string[]): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    throw new TypeError(`cache key: ${typeof value} at ${path.join('.') || '(root)'} has no stable text; pass the data it stands for`);
  }
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map((item, i) => (item === undefined ? null : normalise(item, [...path, String(i)])));
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => [normalise(k, path), normalise(v, [...path, String(k)])] as const);
    return { $map: entries.map(([k, v]) => [JSON.stringify(k), v] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
  }
  if (value instanceof Set) return { $set: [...value].map((item) => JSON.stringify(normalise(item, path))).sort() };
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return normalise(withJson.toJSON(), path);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = normalise(item, [...path, key]);
  }
  return out;
}

/** A page's cache key: a SHA-256 (hex, 32 characters) of the stable JSON of what it renders. */
export function cacheKeyOf(...parts: unknown[]): string {
  return createHash('sha256').update(stableJson(parts)).digest('hex').slice(0, 32);
}
