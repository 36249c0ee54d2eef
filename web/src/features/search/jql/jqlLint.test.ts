import { describe, expect, it } from 'vitest';
import { byteOffsetToIndex, diagnosticFromError, positionToRange } from './jqlLint';

describe('query error positions', () => {
  it('maps the server position to the token in plain ASCII', () => {
    const text = 'statsu = Open';
    expect(positionToRange(text, { offset: 0, length: 6 })).toEqual({ from: 0, to: 6 });
    const diagnostic = diagnosticFromError(text, {
      code: 'query.unknownField',
      message: 'no field "statsu": did you mean "status"?',
      position: { offset: 0, line: 1, column: 1, length: 6 },
    });
    expect(text.slice(diagnostic.from, diagnostic.to)).toBe('statsu');
    expect(diagnostic).toMatchObject({ severity: 'error', message: 'no field "statsu": did you mean "status"?', source: 'query.unknownField' });
  });

  it('counts UTF-8 bytes, as the server does, not UTF-16 units', () => {
    // The server answers offset 25 for "foo" here: four 2-byte "ï" put it 4 bytes after its index.
    const text = 'summary ~ "ïïïï" AND foo = 1';
    const range = positionToRange(text, { offset: 25, length: 3 });
    expect(text.slice(range.from, range.to)).toBe('foo');
    const emoji = 'summary ~ "😀😀" AND foo = 1';
    const r2 = positionToRange(emoji, { offset: 25, length: 3 });
    expect(emoji.slice(r2.from, r2.to)).toBe('foo');
    // The unclosed string "ïï is 5 bytes long.
    const open = 'summary ~ "ïï';
    const r3 = positionToRange(open, { offset: 10, length: 5 });
    expect(open.slice(r3.from, r3.to)).toBe('"ïï');
  });

  it('keeps an end-of-query error as a point and clamps to the text', () => {
    expect(positionToRange('project = ITO AND', { offset: 17, length: 0 })).toEqual({ from: 17, to: 17 });
    expect(positionToRange('abc', { offset: 10, length: 4 })).toEqual({ from: 3, to: 3 });
    expect(byteOffsetToIndex('é', 1)).toBe(1);
  });

  it('underlines the whole query when there is no position', () => {
    expect(diagnosticFromError('abc', { code: 'query.tooLong', message: 'too long' })).toMatchObject({ from: 0, to: 3 });
  });
});
