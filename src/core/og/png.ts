/**
 * Whether bytes are a whole PNG of a given size: the check a cached Open Graph image must pass
 * before it is copied into a site (a 0-byte file, a truncated write or random bytes fail it).
 */
import { crc32 } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * True when `bytes` start with the PNG signature and an IHDR of `width` x `height`, and are a
 * chain of chunks whose CRCs all match, ending exactly with IEND.
 */
export function isCompletePng(bytes: Uint8Array, width: number, height: number): boolean {
  if (bytes.length < SIGNATURE.length + 12 * 2 + 13 || SIGNATURE.some((b, i) => bytes[i] !== b)) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = SIGNATURE.length;
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

/** How many bytes of a file's start and end `hasPngEnds` reads. */
export const PNG_HEAD_BYTES = SIGNATURE.length + 12 + 13;
export const PNG_TAIL_BYTES = 12;

/** The IEND chunk every PNG ends with: length 0, type, CRC. */
const IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/**
 * The check of a cached image that was written whole or not at all (src/io/atomic.ts), without
 * reading it whole: `head`, its first PNG_HEAD_BYTES, is the signature and an IHDR of `width` x
 * `height` with a matching CRC, and `tail`, its last PNG_TAIL_BYTES, is the IEND chunk. An empty
 * file, other bytes or a file cut short fail it.
 */
export function hasPngEnds(head: Uint8Array, tail: Uint8Array, width: number, height: number): boolean {
  if (head.length !== PNG_HEAD_BYTES || tail.length !== PNG_TAIL_BYTES) return false;
  if (SIGNATURE.some((b, i) => head[i] !== b) || IEND.some((b, i) => tail[i] !== b)) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const at = SIGNATURE.length;
  return (
    view.getUint32(at) === 13 &&
    String.fromCharCode(...head.subarray(at + 4, at + 8)) === 'IHDR' &&
    view.getUint32(at + 8) === width &&
    view.getUint32(at + 12) === height &&
    crc32(head.subarray(at + 4, at + 8 + 13)) === view.getUint32(at + 8 + 13)
  );
}
