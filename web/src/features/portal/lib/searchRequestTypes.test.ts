import { describe, expect, it } from 'vitest';
import { matchesRequestType, searchRequestTypes, searchWords } from './searchRequestTypes';

const types = [
  { name: 'Get IT help', description: 'Assistance for general IT problems.' },
  { name: 'Request new software', description: 'Software installed or licensed for you.' },
  { name: 'Report a system problem', description: 'Something is broken or slow?' },
];

describe('searchRequestTypes', () => {
  it('splits the query into lower-case words', () => {
    expect(searchWords('  New  SOFTWARE ')).toEqual(['new', 'software']);
    expect(searchWords('   ')).toEqual([]);
  });

  it('matches every word in the name or the description', () => {
    expect(matchesRequestType(types[2]!, ['broken', 'system'])).toBe(true);
    expect(matchesRequestType(types[2]!, ['broken', 'laptop'])).toBe(false);
  });

  it('lists name matches before description matches', () => {
    expect(searchRequestTypes(types, 'problem').map((t) => t.name)).toEqual([
      'Report a system problem',
      'Get IT help',
    ]);
    expect(searchRequestTypes(types, '')).toHaveLength(3);
  });
});
