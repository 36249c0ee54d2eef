/** Small helpers to build JQL text safely (see docs/jql.md, "Values and quoting"). */

/** Quotes a value as a JQL string literal: `"..."` with `\"` and `\\` escaped. */
export function quoteJql(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The full-text query the global search box runs: `text ~ "<words>"`. */
export function textSearchJql(words: string): string {
  return `text ~ ${quoteJql(words.trim())}`;
}
