/**
 * A paper's identity outside the site: its arXiv abstract and PDF, its Hugging Face paper page
 * (or, without an arXiv id, a Hugging Face search for its title), and the year it is cited under.
 */

/** `https://arxiv.org/abs/2307.08691`: the abstract page, which always shows the latest version. */
export function arxivAbsUrl(arxiv: string): string {
  return `https://arxiv.org/abs/${arxiv}`;
}

/** `https://arxiv.org/pdf/2307.08691`: the latest version's PDF. */
export function arxivPdfUrl(arxiv: string): string {
  return `https://arxiv.org/pdf/${arxiv}`;
}

/**
 * `https://huggingface.co/papers/2307.08691`: discussion, models and datasets citing it. Null
 * for old-style ids (`cond-mat/0603029`), which Hugging Face paper pages do not cover.
 */
export function huggingFacePaperUrl(arxiv: string): string | null {
  return /^\d{4}\.\d{4,5}$/.test(arxiv) ? `https://huggingface.co/papers/${arxiv}` : null;
}

/** The Hugging Face paper search for a title, for papers without an arXiv id. */
export function huggingFaceSearchUrl(plainTitle: string): string {
  return `https://huggingface.co/papers?q=${encodeURIComponent(plainTitle)}`;
}

/** The year a paper is cited under: first arXiv version, else Hugging Face publication, else a source's year. */
export function paperYear(paper: { readonly submitted: string | null; readonly published: string | null; readonly year: number | null }): number | null {
  const day = paper.submitted ?? paper.published;
  return day ? Number(day.slice(0, 4)) : paper.year;
}
