/** Sort orders of the search page; the keys are `data-pagefind-sort` names on paper pages. */
export const SORTS = [
  { value: '', label: 'Relevance', sort: null },
  { value: 'newest', label: 'Newest published', sort: { published: 'desc' } },
  { value: 'added', label: 'Recently added', sort: { added: 'desc' } },
  { value: 'upvotes', label: 'Most upvotes', sort: { upvotes: 'desc' } },
] as const;

/** Search filters: form field name -> `data-pagefind-filter` name. */
export const FILTERS = { theme: 'theme', year: 'year', week: 'week' } as const;
