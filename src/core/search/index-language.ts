/**
 * The language Pagefind indexes the papers in (scripts/lib/search-index.ts). It names the wasm
 * file the search page preloads (`pagefind/wasm.<language>.pagefind`).
 */
export const SEARCH_LANGUAGE = 'en';
