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

function checkImage(width: number, height: number, palette: Uint8Array): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`bad PNG size ${width}x${height}`);
  const colours = palette.length / 3;
  if (!Number.isInteger(colours) || colours < 1 || colours > 256) throw new RangeError(`a palette has 1 to 256 RGB colours, not ${colours}`);
}

/**
 * PNG bytes from scanlines that are already laid out as PNG wants them: per row a filter byte
 * (0, none) and `width` palette indices.
 */
export function encodePngRows(width: number, height: number, palette: Uint8Array, rows: Uint8Array): Buffer {
  checkImage(width, height, palette);
  if (rows.length !== (width + 1) * height) throw new RangeError(`${rows.length} bytes of scanlines for a ${width}x${height} image`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // colour type: palette
  // Run-length deflate suits flat backgrounds: on a card it takes 0.9 ms for 28 KB, where the
  // default level takes 3.3 ms for 23 KB.
  const data = deflateSync(rows, { strategy: constants.Z_RLE });
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('PLTE', palette), chunk('IDAT', data), chunk('IEND', new Uint8Array(0))]);
}
