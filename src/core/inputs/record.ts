/**
 * What every input format (pasted listing, Daily Papers API JSON, BibTeX, CSL-JSON) gives the
 * import planner: records with their source position, plus the file's diagnostics.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { ListingDate, ListingRecord } from '../listing/index.ts';

export type InputFormat = 'listing' | 'hf-daily-papers' | 'bibtex' | 'csl-json' | 'arxiv-ids';

/** How the import names each format in its progress lines. */
export const FORMAT_NAMES: Record<InputFormat, string> = {
  listing: 'pasted Daily Papers listing',
  'hf-daily-papers': 'Hugging Face Daily Papers JSON',
  bibtex: 'BibTeX',
  'csl-json': 'CSL-JSON',
  'arxiv-ids': 'list of arXiv ids',
};

/** Identity facts a listing never shows; the API JSON and bibliographies do. */
export interface RecordIdentity {
  /** Author names in order, "Given Family" as the source wrote them. */
  names: string[];
  /** Versionless arXiv id. */
  arxiv: string | null;
  doi: string | null;
  primaryCategory: string | null;
  /** `YYYY-MM-DD` of arXiv's first version. */
  submitted: string | null;
  year: number | null;
  /** A code URL the source states as such (HF `githubRepo`, a BibTeX `note = {Code: ...}`). */
  code: string | null;
}

/**
 * A record of any format. `line` is where the record starts (a listing's title line, a BibTeX
 * entry's `@`, a JSON element's first character); `abstractRaw` is '' when the source has none.
 */
export interface PaperRecord extends ListingRecord, Partial<RecordIdentity> {
  /** For JSON inputs: the record's JSONPath (`$[3]`), which diagnostics name instead of the line. */
  path?: string;
}

export interface ParsedInput {
  file: string;
  format: InputFormat;
  /** A listing header's capture date; null for every other format. */
  captured: ListingDate | null;
  records: PaperRecord[];
  diagnostics: Diagnostic[];
  /** A list of arXiv ids: the ids (with their lines) that become records once arXiv answers. */
  ids?: Array<{ id: string; line: number }>;
}
