/** Lists show a search box once they have more rows than this. */
export const SEARCH_FROM_ROWS = 8;

const fold = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Whether `text` holds every word of `query`, ignoring case and accents; an empty query matches all. */
export function matchesQuery(text: string, query: string): boolean {
  const haystack = fold(text);
  return fold(query).split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}
