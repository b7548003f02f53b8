/**
 * The pixels of a card: a canvas that records, per pixel, how much ink covers it (0-255) and
 * which ink, then turns that into a palette PNG (./png.ts). Marks never overlap on a card, so
 * keeping the strongest coverage per pixel is exact enough and needs no blending.
 *
 * Speed matters (one card per paper, ~10,000 in a big build): the canvas is reused from card to
 * card, and it remembers which span of each row was drawn on, so encoding and clearing touch
 * only those spans, not the whole 1200x630 (most of a card is background).
 */
import { encodePngRows } from './png.ts';

/** An alpha mask (a rasterized glyph) placed with its top-left corner at (left, top) from the pen. */
export interface Mask {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly alpha: Uint8Array;
}

/** Coverage levels per ink in the palette: 1 background + 5 inks × 50 shades = 251 colours. */
const LEVELS = 51;

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Index 0 is the background, then LEVELS-1 shades from background to each ink. */
function buildPalette(background: string, inks: readonly string[]): Uint8Array {
  const base = rgb(background);
  const palette = new Uint8Array(3 * (1 + inks.length * (LEVELS - 1)));
  palette.set(base);
  inks.forEach((hex, ink) => {
    const colour = rgb(hex);
    for (let level = 1; level < LEVELS; level++) {
      const offset = 3 * (1 + ink * (LEVELS - 1) + level - 1);
      for (let c = 0; c < 3; c++) palette[offset + c] = Math.round(base[c]! + ((colour[c]! - base[c]!) * level) / (LEVELS - 1));
    }
  });
  return palette;
}

/** Palette shade (0 = background) of each coverage value. */
const LEVEL_OF = Uint8Array.from({ length: 256 }, (_, value) => Math.round((value * (LEVELS - 1)) / 255));

export class CoverageCanvas {
  readonly width: number;
  readonly height: number;
  private readonly coverage: Uint8Array;
  private readonly ink: Uint8Array;
  private readonly palette: Uint8Array;
  /** PNG scanlines (a filter byte, then one index per pixel), background except drawn spans. */
  private readonly rows: Uint8Array;
  /** Per row, the drawn span [spanStart, spanEnd); empty when spanStart >= spanEnd. */
  private readonly spanStart: Int32Array;
  private readonly spanEnd: Int32Array;

  /** `inks` are colours as #rrggbb; marks name them by index. At most five inks. */
  constructor(width: number, height: number, background: string, inks: readonly string[]) {
    if (inks.length * (LEVELS - 1) + 1 > 256) throw new RangeError(`at most ${Math.floor(255 / (LEVELS - 1))} inks`);
    this.width = width;
    this.height = height;
    this.palette = buildPalette(background, inks);
    this.coverage = new Uint8Array(width * height);
    this.ink = new Uint8Array(width * height);
    this.rows = new Uint8Array((width + 1) * height);
    this.spanStart = new Int32Array(height).fill(width);
    this.spanEnd = new Int32Array(height);
  }

  private markSpan(row: number, from: number, to: number): void {
    if (from < this.spanStart[row]!) this.spanStart[row] = from;
    if (to > this.spanEnd[row]!) this.spanEnd[row] = to;
  }

  /** Stamps `mask` with ink `ink` at pen position (x, y); parts outside the canvas are clipped. */
  drawMask(mask: Mask, x: number, y: number, ink: number): void {
    const { coverage, ink: inks, width } = this;
    const alpha = mask.alpha;
    const left = x + mask.left;
    const top = y + mask.top;
    const fromX = Math.max(0, -left);
    const toX = Math.min(mask.width, width - left);
    if (fromX >= toX) return;
    const toRow = Math.min(mask.height, this.height - top);
    for (let row = Math.max(0, -top); row < toRow; row++) {
      this.markSpan(top + row, left + fromX, left + toX);
      const source = row * mask.width;
      const target = (top + row) * width + left;
      for (let col = fromX; col < toX; col++) {
        const value = alpha[source + col]!;
        if (value > coverage[target + col]!) {
          coverage[target + col] = value;
          inks[target + col] = ink;
        }
      }
    }
  }

  /**
   * Strokes the outline of a rectangle with fully round ends (a stadium), `stroke` px wide,
   * inside its box; antialiased by the distance of each pixel centre to the outline.
   */
  strokePill(x: number, y: number, width: number, height: number, stroke: number, ink: number): void {
    const radius = Math.min(width, height) / 2;
    const centreY = y + height / 2;
    const fromX = x + radius;
    const toX = x + width - radius;
    const left = Math.max(0, Math.floor(x));
    const right = Math.min(this.width, Math.ceil(x + width));
    if (left >= right) return;
    for (let py = Math.max(0, Math.floor(y)); py < Math.min(this.height, Math.ceil(y + height)); py++) {
      this.markSpan(py, left, right);
      for (let px = left; px < right; px++) {
        const dx = px + 0.5 - Math.min(Math.max(px + 0.5, fromX), toX);
        const dy = py + 0.5 - centreY;
        // Signed distance to the stadium's edge: negative inside.
        const distance = Math.sqrt(dx * dx + dy * dy) - radius;
        const value = Math.min(1, Math.max(0, 0.5 - Math.abs(distance + stroke / 2) + stroke / 2));
        const index = py * this.width + px;
        if (value * 255 > this.coverage[index]!) {
          this.coverage[index] = Math.round(value * 255);
          this.ink[index] = ink;
        }
      }
    }
  }

  /** The canvas as an indexed PNG. */
  toPng(): Buffer {
    const { coverage, ink, rows, width } = this;
    for (let y = 0; y < this.height; y++) {
      for (let x = this.spanStart[y]!; x < this.spanEnd[y]!; x++) {
        const i = y * width + x;
        const level = LEVEL_OF[coverage[i]!]!;
        rows[y * (width + 1) + 1 + x] = level > 0 ? 1 + ink[i]! * (LEVELS - 1) + level - 1 : 0;
      }
    }
    return encodePngRows(width, this.height, this.palette, rows);
  }

  /** Back to a blank canvas, for the next card. */
  clear(): void {
    const { width } = this;
    for (let y = 0; y < this.height; y++) {
      const from = this.spanStart[y]!;
      const to = this.spanEnd[y]!;
      if (from >= to) continue;
      this.coverage.fill(0, y * width + from, y * width + to);
      this.rows.fill(0, y * (width + 1) + 1 + from, y * (width + 1) + 1 + to);
      this.spanStart[y] = width;
      this.spanEnd[y] = 0;
    }
  }
}
