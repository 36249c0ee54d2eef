/**
 * Building AQL text safely (docs/aql.md): quoted names and values, the default filter of an
 * object type, and the search a reference picker runs.
 */

/** A quoted AQL string: `"..."` with `\"` and `\\` escaped. */
export function quoteAql(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The objects of one type: `objectType = "Standard Changes"`. */
export function objectTypeAql(typeName: string): string {
  return `objectType = ${quoteAql(typeName)}`;
}

/**
 * What a reference attribute may point at, narrowed by a search text:
 * `objectType = "Applications" AND label LIKE "ora"`.
 */
export function referenceSearchAql(targetType: string, text: string): string {
  const q = text.trim();
  return q ? `${objectTypeAql(targetType)} AND label LIKE ${quoteAql(q)}` : objectTypeAql(targetType);
}
