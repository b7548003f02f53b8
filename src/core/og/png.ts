/**
 * Whether a cached Open Graph image is a PNG of a given size, from its two ends: the check it
 * must pass before it is linked into a site (a 0-byte file, a truncated write or random bytes fail it).
 */
import { crc32 } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

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
