/**
 * Hostile listings for the fuzz suite, and the check for markup that did not come from lectern.
 * The pieces are what a hostile test run threw at the importer (issue 14): markup and script
 * payloads, TeX and BibTeX specials, control and bidi characters, emoji and CJK, symbol-only and
 * invisible titles, huge numbers, impossible dates, every line ending, junk between records.
 */
import { load } from 'cheerio';
import fc from 'fast-check';

const PAYLOADS = [
  '<img src=x onerror=alert(2)>',
  '<script>alert(1)</script>',
  '<svg onload=alert(3)>',
  '<a href="javascript:alert(4)">x</a>',
  '"><iframe src=//evil>',
  '&lt;b&gt;',
  ']]><x>',
  '{{constructor}}',
  '$Money Labs',
  'Acme {Labs',
  'Acme\\Labs',
  '}{',
  '@comment{',
  '\\input{/etc/passwd}',
  '$\\href{javascript:alert(1)}{x}$',
  '$x^2$',
  'PIXART-\\alpha$',
  '\\%',
  '`code`',
  '<!--',
  '\u202egnp.exe',
  '\u001b[2J',
  '\u00ad',
  '\u200b',
  '🤗',
  '★★★',
  '注意力',
  '효율적인',
  'http://example.com/a?b=<c>',
  '---',
  '·',
];

/** A piece of hostile text: a payload, arbitrary Unicode, or a mix of specials. */
const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PAYLOADS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'\\{}$%&#_^~<>`\'"=/:;,.@ aZα注한🤗\u202e\u0000\t'), maxLength: 12 }) },
  { weight: 3, arbitrary: fc.constantFrom('Attention', 'Efficient', 'Mamba', 'Sparse', 'Model', 'Net', 'Feed', 'Index', 'Search') },
);

const words = (max: number) => fc.array(fragment, { minLength: 1, maxLength: max }).map((parts) => parts.join(' ').replace(/[\r\n]/g, ' '));

const title = fc.oneof({ weight: 6, arbitrary: words(6) }, { weight: 1, arbitrary: fc.constantFrom('🤗', '★★★', '\u00ad', '$$', 'Feed', 'Net', '注意力 Net') });
/** Abstracts are sentences (a period at the end) or not, short or paragraph-long. */
const abstract = fc.oneof(
  words(40).map((text) => `${text}.`),
  words(12),
  fc.tuple(words(10), fc.integer({ min: 1, max: 40 })).map(([text, n]) => `${`${text} `.repeat(n).trim()}.`),
);

const metadata = fc.oneof(
  fc.constant([] as string[]),
  fc.tuple(fc.constantFrom('  • 7 authors', '  • 0 authors', '  • 99999999999999999999 authors', 'apple Apple', '$Money $Money Labs', 'acme Acme {Labs'), fc.constantFrom('Aug 11, 2023', 'Feb 27', 'Mar 15 2', 'Feb 30', 'Jan 1, 0001', 'Dec 31, 9999', 'Apr 1 9007199254740993', 'Sep 29 x')).map(
    ([who, date]) => [who, '·', date],
  ),
  fc.constantFrom(['·'], ['  • 3 authors'], ['·', 'Feb 27']),
);

const record = fc.tuple(title, abstract, metadata).map(([t, a, meta]) => [t, a, ...meta]);
const junk = fc.constantFrom('Daily Papers', 'Apr 29', 'Subscribe', '·', '', '   ', '\t', 'new');

/** A whole pasted listing: an optional header, records with junk between, a chosen line ending. */
export const hostileListing = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.oneof({ weight: 5, arbitrary: record }, { weight: 1, arbitrary: junk.map((line) => [line]) }), { minLength: 1, maxLength: 6 }),
    fc.constantFrom('\n', '\r\n', '\r', '\n\n'),
    fc.boolean(),
  )
  .map(([header, blocks, eol, bom]) => `${bom ? '\uFEFF' : ''}${[...(header ? ['Daily Papers', 'Apr 29'] : []), ...blocks.flat()].join(eol)}${eol}`);

/** Elements lectern's own HTML uses: KaTeX (HTML and MathML), links, paragraphs, code. */
const LECTERN_ELEMENTS = new Set([
  'p', 'a', 'span', 'code', 'br',
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mo', 'mn', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup',
  'mfrac', 'msqrt', 'mroot', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle', 'mpadded', 'mphantom', 'menclose',
  'svg', 'path', 'line',
]);

/**
 * What in `html` a browser would treat as markup lectern did not write: a tag outside
 * LECTERN_ELEMENTS (or a comment, doctype or processing instruction), an event-handler
 * attribute, or a link that is not http(s) or #. A browser starts markup only at `<` followed by
 * a letter, `/`, `!` or `?`, so scanning those is exact for text lectern escaped; the full HTML
 * parser (cheerio) checks the built pages in import-build.test.ts.
 */
export function liveMarkup(html: string): string[] {
  const problems: string[] = [];
  for (const match of html.matchAll(/<(\/?)([A-Za-z][^\s/>]*)([^>]*)>?|<[!?]/g)) {
    const [whole, , name, attributes] = match;
    if (name === undefined) {
      problems.push(whole.slice(0, 20));
      continue;
    }
    if (!LECTERN_ELEMENTS.has(name.toLowerCase())) problems.push(`<${name}>`);
    for (const [, attribute, double, single, bare] of (attributes ?? '').matchAll(/([^\s=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) {
      const value = double ?? single ?? bare;
      if (/^on/i.test(attribute!)) problems.push(`${attribute}= on <${name}>`);
      if (/^(?:href|src|xlink:href|action|formaction)$/i.test(attribute!) && !/^(?:https?:\/\/|#)/i.test((value ?? '').trim())) problems.push(`${attribute}="${value}"`);
    }
  }
  return problems;
}

/** The same check with a real HTML parser, for whole built pages and feed items. */
export function liveMarkupParsed(html: string): string[] {
  const $ = load(html, null, false);
  const problems: string[] = [];
  $('*').each((_, element) => {
    if (element.type !== 'tag') return;
    if (!LECTERN_ELEMENTS.has(element.name)) problems.push(`<${element.name}>`);
    for (const [name, value] of Object.entries(element.attribs)) {
      if (/^on/i.test(name)) problems.push(`${name}= on <${element.name}>`);
      if (/^(?:href|src|xlink:href|action|formaction)$/i.test(name) && !/^(?:https?:\/\/|#)/i.test(value.trim())) problems.push(`${name}="${value}"`);
    }
  });
  return problems;
}
