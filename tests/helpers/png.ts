import { crc32, inflateSync } from 'node:zlib';

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('PNG without IHDR chunk first');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export interface DecodedIndexedPng {
  width: number;
  height: number;
  /** RGB triples. */
  palette: Uint8Array;
  /** One palette index per pixel, row-major. */
  pixels: Uint8Array;
}

/**
 * Decodes an 8-bit palette PNG whose rows are unfiltered (what src/core/og/png.ts writes),
 * checking every chunk's CRC; throws on anything else.
 */
export function decodeIndexedPng(bytes: Uint8Array): DecodedIndexedPng {
  const { width, height } = pngSize(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let palette: Uint8Array | null = null;
  const data: Buffer[] = [];
  for (let offset = 8; offset < buffer.length; ) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (crc32(buffer.subarray(offset + 4, offset + 8 + length)) !== buffer.readUInt32BE(offset + 8 + length)) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR' && (body[8] !== 8 || body[9] !== 3)) throw new Error('not an 8-bit palette PNG');
    if (type === 'PLTE') palette = new Uint8Array(body);
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  if (!palette) throw new Error('PNG without PLTE');
  const raw = inflateSync(Buffer.concat(data));
  if (raw.length !== (width + 1) * height) throw new Error(`IDAT holds ${raw.length} bytes, not ${(width + 1) * height}`);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * (width + 1)] !== 0) throw new Error(`row ${y} uses PNG filter ${raw[y * (width + 1)]}`);
    pixels.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  }
  return { width, height, palette, pixels };
}
