/**
 * Runs inline in the search page's <head> (src/lib/inline-script.ts compiles it), before any
 * module script: a freshly opened `/search/?q=…` waits on Pagefind's entry file and then its
 * metadata (137 KB gzip at 10,000 papers), and Pagefind asks for them only once its module has
 * loaded and started, 100-150 ms later. Here they are requested while the page is still being
 * parsed, and handed to Pagefind when it asks, through the page's `fetch` (Pagefind takes no
 * fetch function of its own). The entry is fetched with a fresh `?ts=` as Pagefind does, so a
 * cached entry never points at a metadata file a later deploy replaced.
 *
 * The same wrapper inflates Pagefind's gzip files (metadata, wasm, index chunks, filters) with
 * the browser's DecompressionStream: Pagefind's own JavaScript inflate was the largest share of
 * a first query's script time (about 150 ms of CPU under load at 10,000 papers). Pagefind takes
 * a file that starts with `pagefind_dcd` as already inflated.
 *
 * Inputs, from the script element: `data-index` (e.g. `/pagefind/`) and `data-language`.
 */
export {};

const INDEX_FILE = /\.(pf_meta|pf_index|pf_filter|pagefind)$/;
const script = document.currentScript as HTMLScriptElement | null;
const indexPath = script?.dataset.index;
const language = script?.dataset.language;

async function inflated(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A host that served the file with Content-Encoding: gzip has had the browser inflate it already.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || typeof DecompressionStream === 'undefined') {
    return new Response(bytes, { status: response.status, headers: response.headers });
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream, { status: response.status, headers: response.headers });
}

if (indexPath && language) {
  const pageFetch = window.fetch.bind(window);
  const entryPath = `${indexPath}pagefind-entry.json`;
  /** Responses fetched ahead, by path, each handed out once (as a copy: the body is read once). */
  const ahead = new Map<string, Promise<Response>>();
  const entry = pageFetch(`${entryPath}?ts=${Date.now()}`);
  ahead.set(entryPath, entry);
  const metaPath = entry
    .then((response) => (response.ok ? response.clone().json() : null))
    .then((json: { languages?: Record<string, { hash?: string }> } | null) => {
      const hash = json?.languages?.[language]?.hash;
      if (!hash) return null;
      const path = `${indexPath}pagefind.${hash}.pf_meta`;
      ahead.set(path, pageFetch(path).then((response) => (response.ok ? inflated(response) : response)));
      return path;
    })
    .catch(() => null);

  window.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin === location.origin && url.pathname.startsWith(indexPath)) {
      // The metadata's name is known once the entry is in: wait for it before asking for the metadata.
      if (url.pathname.endsWith('.pf_meta')) await metaPath;
      const early = ahead.get(url.pathname);
      if (early) {
        ahead.delete(url.pathname);
        const response = await early.catch(() => null);
        if (response?.ok) return response;
      }
    }
    const response = await pageFetch(input, init);
    if (!response.ok || !url.pathname.startsWith(indexPath) || !INDEX_FILE.test(url.pathname)) return response;
    return inflated(response);
  };
}
