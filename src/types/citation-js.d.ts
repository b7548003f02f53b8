/** The part of Citation.js (no bundled types) that src/core/cite uses. */
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    format(format: 'bibtex' | 'biblatex' | 'data', options?: Record<string, unknown>): string;
  }
  export const plugins: {
    config: { get(name: string): Record<string, unknown> };
    input: {
      /** Parses `input` as `forceType` through the registered parsers until it is `target`. */
      chain(input: unknown, options: { forceType: string; target: string; generateGraph?: boolean }): unknown;
    };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
/** Only the comparison in tests/authors.test.ts uses it. */
declare module '@citation-js/name' {
  export function parse(name: string): { given?: string; family?: string; suffix?: string; literal?: string; 'non-dropping-particle'?: string };
}
