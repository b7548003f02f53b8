/**
 * The pixels of a card: a canvas that records, per pixel, how much ink covers it (0-255) and
 * which ink, then turns that into palette indices for ./png.ts. Marks never overlap on a card,
 * so keeping the strongest coverage per pixel is exact enough and needs no blending.
 */
import { encodeIndexedPng } from './png.ts';

/** An alpha mask (a rasterized glyph) placed with its top-left corner at (left, top) from the pen. */
export interface Mask {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly alpha: Uint8Array;
}

/** Coverage levels per ink in the palette: 1 background + 5 inks × 51 levels = 256 colours. */
const LEVELS = 51;

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

export class CoverageCanvas {
  readonly width: number;
  readonly height: number;
  private readonly coverage: Uint8Array;
  private readonly ink: Uint8Array;
  private readonly background: string;
  private readonly inks: readonly string[];

  /** `inks` are colours as #rrggbb; marks name them by index. At most five inks. */
  constructor(width: number, height: number, background: string, inks: readonly string[]) {
    if (inks.length * (LEVELS - 1) + 1 > 256) throw new RangeError(`at most ${Math.floor(255 / (LEVELS - 1))} inks`);
    this.width = width;
    this.height = height;
    this.background = background;
    this.inks = inks;
    this.coverage = new Uint8Array(width * height);
    this.ink = new Uint8Array(width * height);
  }

  private cover(index: number, value: number, ink: number): void {
    if (value > this.coverage[index]!) {
      this.coverage[index] = value;
      this.ink[index] = ink;
    }
  }

  /** Stamps `mask` with ink `ink` at pen position (x, y); parts outside the canvas are clipped. */
  drawMask(mask: Mask, x: number, y: number, ink: number): void {
    const { coverage, ink: inks, width } = this;
    const alpha = mask.alpha;
    const left = x + mask.left;
    const top = y + mask.top;
    const fromX = Math.max(0, -left);
    const toX = Math.min(mask.width, width - left);
    const toRow = Math.min(mask.height, this.height - top);
    for (let row = Math.max(0, -top); row < toRow; row++) {
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
    for (let py = Math.max(0, Math.floor(y)); py < Math.min(this.height, Math.ceil(y + height)); py++) {
      for (let px = Math.max(0, Math.floor(x)); px < Math.min(this.width, Math.ceil(x + width)); px++) {
        const cx = px + 0.5;
        const cy = py + 0.5;
        const nearestX = Math.min(Math.max(cx, fromX), toX);
        // Signed distance to the stadium's edge: negative inside.
        const dx = cx - nearestX;
        const dy = cy - centreY;
        const distance = Math.sqrt(dx * dx + dy * dy) - radius;
        const value = Math.min(1, Math.max(0, 0.5 - Math.abs(distance + stroke / 2) + stroke / 2));
        if (value > 0) this.cover(py * this.width + px, Math.round(value * 255), ink);
      }
    }
  }

  /** The canvas as an indexed PNG: index 0 is the background, then LEVELS-1 shades per ink. */
  toPng(): Buffer {
    const background = rgb(this.background);
    const palette = new Uint8Array(3 * (1 + this.inks.length * (LEVELS - 1)));
    palette.set(background);
    this.inks.forEach((hex, ink) => {
      const colour = rgb(hex);
      for (let level = 1; level < LEVELS; level++) {
        const offset = 3 * (1 + ink * (LEVELS - 1) + level - 1);
        for (let c = 0; c < 3; c++) palette[offset + c] = Math.round(background[c]! + ((colour[c]! - background[c]!) * level) / (LEVELS - 1));
      }
    });
    const levelOf = Uint8Array.from({ length: 256 }, (_, value) => Math.round((value * (LEVELS - 1)) / 255));
    const { coverage, ink } = this;
    const pixels = new Uint8Array(coverage.length);
    const shade = (i: number) => {
      const level = levelOf[coverage[i]!]!;
      if (level > 0) pixels[i] = 1 + ink[i]! * (LEVELS - 1) + level - 1;
    };
    // Most of a card is background: skip it four pixels at a time.
    const quads = new Uint32Array(coverage.buffer, coverage.byteOffset, coverage.length >> 2);
    for (let quad = 0; quad < quads.length; quad++) {
      if (quads[quad] === 0) continue;
      const i = quad << 2;
      shade(i);
      shade(i + 1);
      shade(i + 2);
      shade(i + 3);
    }
    for (let i = quads.length << 2; i < coverage.length; i++) shade(i);
    return encodeIndexedPng(this.width, this.height, palette, pixels);
  }
}
