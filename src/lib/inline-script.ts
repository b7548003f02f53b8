/**
 * A client script compiled for a page's <head> as an inline classic script: it runs while the
 * page is still being parsed, before module scripts (which wait for the document and their own
 * download). Compiled with esbuild, which Astro's toolchain already installs; minified, since
 * every page view carries it.
 */
import { transformSync } from 'esbuild';

/** `source` (TypeScript, e.g. an import with `?raw`) as a minified, self-contained script. */
export function inlineScript(source: string): string {
  return transformSync(source, { loader: 'ts', format: 'iife', minify: true, target: 'es2022' }).code.trim();
}
