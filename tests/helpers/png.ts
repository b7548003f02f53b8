import { crc32 } from 'node:zlib';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('PNG without IHDR chunk first');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * True when `bytes` start with the PNG signature and an IHDR of `width` x `height`, and are a
 * chain of chunks whose CRCs all match, ending exactly with IEND.
 */
export function isCompletePng(bytes: Uint8Array, width: number, height: number): boolean {
  if (bytes.length < PNG_SIGNATURE.length + 12 * 2 + 13 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = PNG_SIGNATURE.length;
  let first = true;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) return false;
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) return false;
    if (first && (type !== 'IHDR' || view.getUint32(offset + 8) !== width || view.getUint32(offset + 12) !== height)) return false;
    first = false;
    if (type === 'IEND') return end === bytes.length;
    offset = end;
  }
  return false;
}
