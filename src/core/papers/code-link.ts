/**
 * Which link is a paper's code: one a source states as code (Daily Papers `githubRepo`, a
 * BibTeX `note = {Code: ...}`) wins; otherwise the best URL in the abstract, in this order:
 * a repository on a code host, a Hugging Face page (model, space, collection, docs), a project
 * page (any other site but arXiv, DOI resolvers and Hugging Face paper pages).
 */

/** An http(s) URL in running text: stops at whitespace, quotes, angle and curly brackets. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>{}\\]+/gi;
const CODE_HOSTS = /^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)$/i;
/** Sites whose links are the paper itself, never its code. */
const PAPER_SITES = /^(?:(?:www\.|export\.)?arxiv\.org|(?:dx\.)?doi\.org|openreview\.net)$/i;

/**
 * The URLs in `text`, in order, without the sentence punctuation that follows them
 * (`https://github.com/a/b.` -> `https://github.com/a/b`) or a closing bracket they did not open.
 */
export function urlsIn(text: string): string[] {
  const urls: string[] = [];
  for (const [match] of text.matchAll(URL_IN_TEXT)) {
    let url = match;
    for (;;) {
      const trimmed = url.replace(/[.,;:!?*]+$/, '');
      const last = trimmed.at(-1);
      const opener = last === ')' ? '(' : last === ']' ? '[' : null;
      url = opener !== null && count(trimmed, opener) < count(trimmed, last!) ? trimmed.slice(0, -1) : trimmed;
      if (url === trimmed) break;
    }
    const parsed = parseHttpUrl(url);
    if (parsed) urls.push(url);
  }
  return urls;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function parseHttpUrl(text: string): URL | null {
  if (!URL.canParse(text)) return null;
  const url = new URL(text);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') ? url : null;
}

/** A repository's browsable URL: a clone URL's `.git` goes. */
function tidy(url: string): string {
  return url.replace(/\.git$/i, '');
}

/**
 * The code link of a paper: `stated` when it is an http(s) URL, else the best URL in `abstract`
 * (see the module comment); null when there is none.
 */
export function pickCodeUrl(stated: string | null | undefined, abstract: string): string | null {
  const statedUrl = stated ? urlsIn(stated)[0] : undefined;
  if (statedUrl) return tidy(statedUrl);
  let huggingFace: string | null = null;
  let projectPage: string | null = null;
  for (const text of urlsIn(abstract)) {
    const url = parseHttpUrl(text)!;
    const pathParts = url.pathname.split('/').filter(Boolean);
    if (CODE_HOSTS.test(url.hostname)) {
      if (pathParts.length >= 2) return tidy(text);
    } else if (/^(?:www\.)?huggingface\.co$/i.test(url.hostname)) {
      if (pathParts[0] !== 'papers' && pathParts.length > 0) huggingFace ??= text;
    } else if (!PAPER_SITES.test(url.hostname)) {
      projectPage ??= text;
    }
  }
  return huggingFace ?? projectPage;
}
