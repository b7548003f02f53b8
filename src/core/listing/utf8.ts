/**
 * Decoding a listing's bytes: UTF-8 text, or the line where it stops being UTF-8 (for the
 * `file:line` of the message).
 */

/** The text of `bytes` (UTF-8), or the 1-based line of the first invalid byte. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; line: number } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    return { ok: false, line };
  }
}

/**
 * Offset where UTF-8 decoding fails: the longest prefix that decodes (a character cut at the
 * end is not an error yet), found by bisection. Each probe needs a decoder of its own: a
 * streaming decoder keeps the bytes of an unfinished character for the next call, so a shared
 * one judges each prefix with the previous probe's leftovers in front of it.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const decodes = (n: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (decodes(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
