/**
 * Pagefind's index files (metadata, wasm, index chunks, fragments, filters) are gzip files that
 * Pagefind inflates in JavaScript, unless they arrive already inflated (starting with
 * `pagefind_dcd`). At 10,000 papers that JavaScript inflate was the largest share of a first
 * query's script time (about 150 ms of CPU under load in chromium's profile). The page inflates
 * them with the browser's own DecompressionStream instead, before Pagefind reads them.
 *
 * Pagefind takes no fetch function of its own, so this wraps `fetch` on the search page for
 * those files only; every other request goes through untouched.
 */
const INDEX_FILE = /\.(pf_meta|pf_index|pf_filter|pagefind)$/;

async function inflated(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A host that served the file with Content-Encoding: gzip has had the browser inflate it already.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new Response(bytes, { status: response.status, headers: response.headers });
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream, { status: response.status, headers: response.headers });
}

/** Inflates responses for Pagefind's files under `indexPath` (e.g. `/pagefind/`) natively. */
export function inflatePagefindFiles(indexPath: string): void {
  if (typeof DecompressionStream === 'undefined') return;
  const pageFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const response = await pageFetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (!response.ok || !url.pathname.startsWith(indexPath) || !INDEX_FILE.test(url.pathname)) return response;
    return inflated(response);
  };
}
