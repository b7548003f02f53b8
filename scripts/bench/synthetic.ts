/**
 * A synthetic reading list for benchmarks: N distinct papers made from real seed records.
 *
 * Pure and deterministic (seeded PRNG): the same options give the same corpus, so two runs of
 * the benchmark build the same site. Titles and abstracts are real seed text, shuffled and
 * perturbed so every paper is distinct, with abstracts of realistic length (1.3-1.9 KB), a
 * `mathRatio` share carrying inline TeX math, themes, `added` dates spread over many weeks and a
 * `notesRatio` share with a human-style MDX notes body (headings, code, math).
 */
import { getISOWeek, getISOWeekYear } from 'date-fns';
import { paperSchema, type PaperFrontmatter } from '../../src/core/papers/schema.ts';

export interface SeedRecord {
  title: string;
  abstract: string;
}

export interface SyntheticOptions {
  papers: number;
  /** Share of papers whose title/abstract carry `$...$` math. */
  mathRatio: number;
  /** Share of papers with an MDX notes body. */
  notesRatio: number;
  /** Papers added per week: the corpus spans about papers / perWeek weeks. */
  perWeek?: number;
  /** PRNG seed. */
  seed?: number;
}

export interface SyntheticPaper {
  frontmatter: PaperFrontmatter;
  /** MDX notes body, '' when the paper has no notes. */
  notes: string;
}

const THEMES = ['efficient-attention', 'quantization', 'moe', 'ssm'] as const;
const PREFIXES = [
  'Revisiting', 'Scaling', 'Towards', 'Rethinking', 'Understanding', 'Efficient', 'Sparse',
  'Adaptive', 'Unified', 'Robust', 'Fast', 'Learning', 'Beyond', 'On',
];
const MATH = [
  '$O(n^2)$', '$\\mathcal{O}(N \\log N)$', '$2.5\\times$', '$\\alpha$', '$k \\ll n$',
  '$\\sqrt{d_k}$', '$W_{4}A_{8}$', '$\\ell_2$', '$\\mathbb{R}^{d}$', '$\\sum_{i=1}^{n} x_i$',
];
const WORDS = [
  'attention', 'experts', 'tokens', 'latency', 'throughput', 'memory', 'routing', 'precision',
  'state', 'recurrence', 'kernel', 'cache', 'sequence', 'context', 'training', 'inference',
];

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seed text carries LaTeX residue; the benchmark wants clean text, so drop TeX syntax. */
function plain(text: string): string {
  return text
    .replace(/\\([%&#_])/g, '$1')
    .replace(/[$\\{}<>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((s) => s.length > 0);
}

function slugOf(title: string, index: number): string {
  const words = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);
  return [...words, index.toString(36)].join('-').slice(0, 100).replace(/-+$/, '');
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Parse seed listings loosely: a long line is an abstract, the non-empty line before it its title. */
export function seedRecordsFromListings(texts: string[]): SeedRecord[] {
  const seen = new Set<string>();
  const records: SeedRecord[] = [];
  for (const text of texts) {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim());
    let previous = '';
    for (const line of lines) {
      if (line.length >= 600 && previous.length > 0 && previous.length < 300 && !seen.has(previous)) {
        seen.add(previous);
        records.push({ title: previous, abstract: line });
      }
      if (line.length > 0) previous = line;
    }
  }
  return records;
}

function notesBody(random: () => number, base: SeedRecord, index: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const said = sentences(plain(base.abstract));
  return [
    '## Why we read it',
    '',
    `${said[0] ?? ''} We discussed how it trades ${pick(WORDS)} against ${pick(WORDS)}.`,
    '',
    '## Key idea',
    '',
    `The cost is ${pick(MATH)} per layer, compared with the usual baseline:`,
    '',
    '$$',
    'C(n) = \\sum_{i=1}^{n} \\frac{d_k}{\\sqrt{i}}',
    '$$',
    '',
    '```python',
    `def score(q, k, scale=${(index % 7) + 1}):`,
    '    return (q @ k.T) * scale',
    '```',
    '',
    `- Open question: does it hold at ${(index % 90) + 10}B parameters?`,
    `- Follow-up: compare with ${pick(PREFIXES)} ${pick(WORDS)} baselines.`,
    '',
  ].join('\n');
}

/** N distinct, schema-valid papers built from the seed records. */
export function syntheticPapers(seeds: readonly SeedRecord[], options: SyntheticOptions): SyntheticPaper[] {
  if (seeds.length === 0) throw new Error('syntheticPapers: no seed records');
  const random = prng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const perWeek = options.perWeek ?? 50;
  const cleanSeeds = seeds.map((s) => ({ title: plain(s.title), sentences: sentences(plain(s.abstract)) }));
  const start = Date.UTC(2022, 0, 3); // a Monday
  const weeks = Math.max(1, Math.ceil(options.papers / perWeek));
  const out: SyntheticPaper[] = [];
  for (let i = 0; i < options.papers; i++) {
    const base = cleanSeeds[i % cleanSeeds.length]!;
    const other = cleanSeeds[(i * 7 + 3) % cleanSeeds.length]!;
    const withMath = random() < options.mathRatio;
    const round = Math.floor(i / cleanSeeds.length);
    let title = round === 0 ? base.title : `${pick(PREFIXES)} ${base.title}`;
    if (round > 0) title += ` ${round + 1}`;
    if (withMath && random() < 0.3) title += ` in ${pick(MATH)}`;

    // Rotate the seed's sentences, borrow from another record, then fit 1.3-1.9 KB.
    const target = 1300 + Math.floor(random() * 600);
    const rotate = base.sentences.length > 0 ? i % base.sentences.length : 0;
    const pool = [...base.sentences.slice(rotate), ...base.sentences.slice(0, rotate), ...other.sentences];
    let abstract = '';
    for (const sentence of pool) {
      if (abstract.length + sentence.length + 1 > target + 100 && abstract.length >= 1300) break;
      abstract += (abstract ? ' ' : '') + sentence;
    }
    if (withMath) {
      // Early in the abstract, so that trimming the end below never cuts into math.
      const cut = abstract.indexOf('. ', 200);
      const math = ` The method costs ${pick(MATH)} and reaches ${pick(MATH)} in ${pick(WORDS)}.`;
      abstract = cut > 0 && cut < 900 ? abstract.slice(0, cut + 1) + math + abstract.slice(cut + 1) : math.trim() + ' ' + abstract;
    }
    if (abstract.length > 1900) abstract = `${abstract.slice(0, 1898).replace(/\s+\S*$/, '')}.`;

    const week = Math.min(weeks - 1, Math.floor(i / perWeek));
    const added = new Date(start + (week * 7 + Math.floor(random() * 5)) * 86_400_000);
    const published = new Date(added.getTime() - Math.floor(random() * 400) * 86_400_000);
    const themes = THEMES.filter(() => random() < 0.18);
    const frontmatter = paperSchema.parse({
      slug: slugOf(title, i),
      title,
      title_raw: title,
      abstract,
      abstract_raw: abstract,
      authors: random() < 0.85 ? { count: 1 + Math.floor(random() * 20), attribution: null } : { count: null, attribution: { handle: 'org', name: 'Org' } },
      published: random() < 0.9 ? isoDay(published) : null,
      upvotes: random() < 0.9 ? Math.floor(random() * 300) : null,
      added: isoDay(added),
      themes,
      aliases: [],
      sources: [{ file: `synthetic-${String(week).padStart(4, '0')}.txt`, line: 1 + (i % perWeek) * 8 }],
    });
    const notes = random() < options.notesRatio ? notesBody(random, { title, abstract }, i) : '';
    out.push({ frontmatter, notes });
  }
  return out;
}

/** The ISO week (`YYYY-wWW`) a paper was added in, for synthetic digest intros. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  return `${getISOWeekYear(date)}-w${String(getISOWeek(date)).padStart(2, '0')}`;
}
