/**
 * Query error positions. The server reports where a query (JQL, AQL) is wrong as a `position` of
 * UTF-8 **bytes** (`offset`, `length`), while the browser counts UTF-16 code units: the two differ
 * as soon as the query has a non-ASCII character (`summary ~ "café" AND foo = 1`).
 */
import type { SourcePosition } from '@/api/client';

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
