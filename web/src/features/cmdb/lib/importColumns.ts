/**
 * The columns of data to import, for the mapping to attributes: a CSV text's header line, or the
 * member names of a JSON array of objects.
 */

/** The fields of one CSV line (RFC 4180 quoting: `"a, b"`, `"say ""hi"""`). */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  out.push(field);
  return out.map((f) => f.trim());
}

export function csvColumns(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '');
  return first ? parseCsvLine(first).filter(Boolean) : [];
}

/** The rows of a JSON import (an array of objects) and their member names; an error message otherwise. */
export function jsonRows(text: string): { rows: Record<string, unknown>[]; columns: string[] } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'This is not valid JSON.' };
  }
  if (!Array.isArray(value) || !value.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
    return { error: 'JSON data must be an array of objects, one per row.' };
  }
  const rows = value as Record<string, unknown>[];
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { rows, columns };
}

/** Each column mapped to the attribute of the same name (case-insensitive), if there is one. */
export function defaultMapping(columns: readonly string[], attributes: readonly string[]): Record<string, string> {
  const byLower = new Map(attributes.map((a) => [a.toLowerCase(), a]));
  const out: Record<string, string> = {};
  for (const c of columns) {
    const a = byLower.get(c.toLowerCase());
    if (a) out[c] = a;
  }
  return out;
}
