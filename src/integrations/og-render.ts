/**
 * Renders Open Graph cards to PNG with @takumi-rs/core, a maintained native renderer (flexbox
 * layout, text shaping with kerning, line breaking, font fallback; it renders on libuv's thread
 * pool, off the main thread). The node tree is src/core/og/layout.ts; fonts come from npm
 * packages, in the fallback order of `OG_FONT_FAMILIES`:
 * - Inter (@fontsource/inter): Latin, Latin Extended, Greek, Cyrillic, Vietnamese;
 * - DejaVu Sans (@fontsource/dejavu-sans): math and symbols (ℝ, ₁, ⁻, ℓ, ∑, arrows);
 * - Noto Emoji (@fontsource/noto-emoji): emoji, monochrome;
 * - Noto Sans Thai, Devanagari and Tamil (@fontsource/noto-sans-thai, -devanagari, -tamil);
 * - Noto Sans SC (@fontsource/noto-sans-sc): Chinese, and the kana and kanji Japanese shares;
 * - Noto Sans KR (@fontsource/noto-sans-kr): Korean Hangul.
 * Each package ships its font in subsets by Unicode range. A subset is read and registered only
 * once a card has a character that no earlier font has and the subset's own character map
 * (read with opentype.js) has: a site without CJK titles never loads the CJK fonts' 100-odd files each.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import opentype from 'opentype.js';
import { Renderer } from '@takumi-rs/core';
import { OG_HEIGHT, OG_WIDTH, cardText, type OgCard } from '../core/og/card.ts';
import { OG_FONT_FAMILIES, cardTree } from '../core/og/layout.ts';

const require = createRequire(import.meta.url);

/** The npm package of each family in OG_FONT_FAMILIES. */
const FONT_PACKAGES: Record<(typeof OG_FONT_FAMILIES)[number], string> = {
  Inter: '@fontsource/inter',
  'DejaVu Sans': '@fontsource/dejavu-sans',
  'Noto Emoji': '@fontsource/noto-emoji',
  'Noto Sans Thai': '@fontsource/noto-sans-thai',
  'Noto Sans Devanagari': '@fontsource/noto-sans-devanagari',
  'Noto Sans Tamil': '@fontsource/noto-sans-tamil',
  'Noto Sans SC': '@fontsource/noto-sans-sc',
  'Noto Sans KR': '@fontsource/noto-sans-kr',
};
const RENDERER_PACKAGE = '@takumi-rs/core';
const WEIGHTS = [400, 700] as const;

/** One font file of a family: a Unicode-range subset at one weight. */
interface Face {
  family: string;
  weight: number;
  file: string;
  /** Inclusive code point ranges the subset serves; undefined: the whole file. */
  ranges: Array<[number, number]> | undefined;
  /** The file's character map, read on first use. */
  cmap?: ReadonlySet<number>;
  registered?: Promise<unknown>;
}

/** Folder of an installed package (found from its entry point: not every package exports package.json). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of the package ${name}`);
    dir = parent;
  }
  return dir;
}

const packageVersion = (name: string): string => JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).version;

/** `U+0000-00FF,U+0131` -> [[0, 255], [305, 305]]. */
function parseUnicodeRange(value: string): Array<[number, number]> {
  return value.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
  });
}

/** A Fontsource package's subsets (from its unicode.json) at each weight, as .woff files. */
function fontsourceFaces(family: string, pkg: string): Face[] {
  const dir = packageDir(pkg);
  const subsets = Object.entries(JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8')) as Record<string, string>);
  const base = pkg.split('/')[1]!;
  // A package whose font is not split lists no subsets: its one file is "latin" but has everything.
  const list = subsets.length ? subsets.map(([name, range]) => ({ name: name.replace(/^\[(\d+)\]$/, '$1'), ranges: parseUnicodeRange(range) })) : [{ name: 'latin', ranges: undefined }];
  return WEIGHTS.flatMap((weight) => list.map(({ name, ranges }) => ({ family, weight, file: join(dir, 'files', `${base}-${name}-${weight}-normal.woff`), ranges })));
}

/**
 * The plain font inside a WOFF file. opentype.js reads WOFF itself, but its inflate rejects some
 * tables that zlib reads (Noto Sans SC's subset 101 at both weights).
 */
function woffToSfnt(woff: Buffer): ArrayBuffer {
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const entry = 44 + i * 20;
    const [offset, compressed, length] = [woff.readUInt32BE(entry + 4), woff.readUInt32BE(entry + 8), woff.readUInt32BE(entry + 12)];
    const stored = woff.subarray(offset, offset + compressed);
    return { tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data: compressed < length ? inflateSync(stored) : stored };
  });
  const header = 12 + count * 16;
  const sfnt = Buffer.alloc(header + tables.reduce((sum, { data }) => sum + ((data.length + 3) & ~3), 0));
  sfnt.writeUInt32BE(woff.readUInt32BE(4), 0); // the font's own flavour (TrueType or CFF)
  sfnt.writeUInt16BE(count, 4); // searchRange and the rest only speed up a binary search: readers tolerate zeros
  let at = header;
  tables.forEach(({ tag, checksum, data }, i) => {
    sfnt.writeUInt32BE(tag, 12 + i * 16);
    sfnt.writeUInt32BE(checksum, 16 + i * 16);
    sfnt.writeUInt32BE(at, 20 + i * 16);
    sfnt.writeUInt32BE(data.length, 24 + i * 16);
    data.copy(sfnt, at);
    at += (data.length + 3) & ~3;
  });
  return sfnt.buffer.slice(sfnt.byteOffset, sfnt.byteOffset + sfnt.byteLength);
}

function readCmap(file: string): Set<number> {
  const font = opentype.parse(woffToSfnt(readFileSync(file)), { lowMemory: true });
  const map = (font.tables.cmap as { glyphIndexMap?: Record<string, number> }).glyphIndexMap ?? {};
  return new Set(Object.keys(map).map(Number));
}

/** Characters no font needs: spaces, joiners and variation selectors. */
const IGNORABLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}]$/u;

export interface OgRenderer {
  /**
   * Renderer and font package versions (`@takumi-rs/core@2.16.3 @fontsource/inter@5.3.0 …`):
   * part of every cached image's name, so an upgrade renders the cards again.
   */
  readonly version: string;
  /**
   * Makes the fonts `text` needs ready and returns its characters that no card font has (each
   * once): the card would show them as boxes.
   */
  prepare(text: string): Promise<string[]>;
  /** PNG bytes of the card, 1200x630 (calls `prepare` for its text). */
  render(card: OgCard): Promise<Buffer>;
  /** The takumi renderer, with the fonts prepared so far (tests measure layouts with it). */
  readonly takumi: Renderer;
}

export function createOgRenderer(): OgRenderer {
  const takumi = new Renderer();
  const faces = OG_FONT_FAMILIES.flatMap((family) => fontsourceFaces(family, FONT_PACKAGES[family]));
  const version = [RENDERER_PACKAGE, ...Object.values(FONT_PACKAGES)].map((name) => `${name}@${packageVersion(name)}`).join(' ');
  /** Per code point and weight: the face that draws it, or null when none has it. */
  const chosen = new Map<string, Face | null>();

  const faceFor = (codePoint: number, weight: number): Face | null => {
    const key = `${codePoint}:${weight}`;
    let face = chosen.get(key);
    if (face !== undefined) return face;
    face =
      faces.find((candidate) => {
        if (candidate.weight !== weight) return false;
        if (candidate.ranges && !candidate.ranges.some(([from, to]) => codePoint >= from && codePoint <= to)) return false;
        candidate.cmap ??= readCmap(candidate.file);
        return candidate.cmap.has(codePoint);
      }) ?? null;
    chosen.set(key, face);
    return face;
  };

  const register = (face: Face) =>
    (face.registered ??= takumi.registerFont({
      name: face.family,
      data: readFileSync(face.file),
      weight: face.weight,
      ...(face.ranges ? { unicodeRange: face.ranges } : {}),
    }));

  async function prepare(text: string): Promise<string[]> {
    const missing = new Set<string>();
    const needed = new Set<Face>();
    for (const char of new Set(text)) {
      if (IGNORABLE.test(char)) continue;
      for (const weight of WEIGHTS) {
        const face = faceFor(char.codePointAt(0)!, weight);
        if (face) needed.add(face);
        else missing.add(char);
      }
    }
    await Promise.all([...needed].map(register));
    return [...missing];
  }

  return {
    version,
    prepare,
    async render(card) {
      // The ellipsis: the renderer adds one where it cuts text.
      await prepare(`${cardText(card)} …`);
      return takumi.render(cardTree(card), { width: OG_WIDTH, height: OG_HEIGHT, format: 'png' });
    },
    takumi,
  };
}
