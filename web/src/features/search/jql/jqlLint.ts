/**
 * Query errors as CodeMirror diagnostics. The server reports where a query is wrong as a
 * `position` of UTF-8 **bytes** (`offset`, `length`; docs/jql.md, "Errors"), while CodeMirror
 * counts UTF-16 code units: the two differ as soon as the query has a non-ASCII character
 * (`summary ~ "café" AND foo = 1`).
 */
import type { Diagnostic } from '@codemirror/lint';
import type { SourcePosition } from '@/api/client';

/** A query error as the search and validate endpoints answer it. */
export interface JqlError {
  code: string;
  message: string;
  position?: SourcePosition | undefined;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** The UTF-16 index in `text` of a UTF-8 byte offset (clamped to the text). */
export function byteOffsetToIndex(text: string, byteOffset: number): number {
  let bytes = 0;
  let index = 0;
  while (index < text.length && bytes < byteOffset) {
    const codePoint = text.codePointAt(index)!;
    bytes += utf8Length(codePoint);
    index += codePoint > 0xffff ? 2 : 1;
  }
  return index;
}

/** The editor range `[from, to)` of a server error position in `text`. */
export function positionToRange(text: string, position: Pick<SourcePosition, 'offset' | 'length'>): { from: number; to: number } {
  const from = byteOffsetToIndex(text, Math.max(0, position.offset));
  const to = Math.max(from, byteOffsetToIndex(text, Math.max(0, position.offset + Math.max(0, position.length))));
  return { from, to };
}

/** The diagnostic of a query error in `text`: underlined at its token, the server's message. */
export function diagnosticFromError(text: string, error: JqlError): Diagnostic {
  const { from, to } = error.position ? positionToRange(text, error.position) : { from: 0, to: text.length };
  return { from, to, severity: 'error', message: error.message, source: error.code };
}
