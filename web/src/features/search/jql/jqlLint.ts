/**
 * Query errors as CodeMirror diagnostics. The server reports where a query is wrong as a
 * `position` of UTF-8 **bytes** (`offset`, `length`; docs/jql.md, "Errors"), while CodeMirror
 * counts UTF-16 code units: the two differ as soon as the query has a non-ASCII character
 * (`summary ~ "café" AND foo = 1`).
 */
import type { Diagnostic } from '@codemirror/lint';
import type { SourcePosition } from '@/api/client';
import { positionToRange } from '@/lib/sourcePosition';

export { byteOffsetToIndex, positionToRange } from '@/lib/sourcePosition';

/** A query error as the search and validate endpoints answer it. */
export interface JqlError {
  code: string;
  message: string;
  position?: SourcePosition | undefined;
}

/** The diagnostic of a query error in `text`: underlined at its token, the server's message. */
export function diagnosticFromError(text: string, error: JqlError): Diagnostic {
  const { from, to } = error.position ? positionToRange(text, error.position) : { from: 0, to: text.length };
  return { from, to, severity: 'error', message: error.message, source: error.code };
}
