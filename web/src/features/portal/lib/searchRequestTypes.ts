/** Matching request types against the help center's search box. */

export interface Searchable {
  name: string;
  description: string;
}

/** Lower-cased words of a query; empty when there is nothing to search for. */
export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether every word of the query occurs in the request type's name or description. */
export function matchesRequestType(type: Searchable, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = `${type.name}\n${type.description}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** Matches, those whose name matches first (stable otherwise). */
export function searchRequestTypes<T extends Searchable>(types: readonly T[], query: string): T[] {
  const words = searchWords(query);
  if (words.length === 0) return [...types];
  const matching = types.filter((t) => matchesRequestType(t, words));
  const inName = (t: T) => words.every((w) => t.name.toLowerCase().includes(w));
  return [...matching.filter(inName), ...matching.filter((t) => !inName(t))];
}

/** The heading of a request type search: "No matching request types", "1 matching …", "3 matching …". */
export function matchCountTitle(count: number): string {
  if (count === 0) return 'No matching request types';
  return count === 1 ? '1 matching request type' : `${count} matching request types`;
}
