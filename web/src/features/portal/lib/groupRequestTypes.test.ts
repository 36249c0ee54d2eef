import { describe, expect, it } from 'vitest';
import { groupRequestTypes } from './groupRequestTypes';

const t = (id: number) => ({ id, name: `Type ${id}` });

describe('groupRequestTypes', () => {
  it('keeps the groups in order, drops empty ones and collects ungrouped types last', () => {
    const groups = [
      { id: 3, name: 'Contact us about Change Enablement', requestTypeIds: [4, 5] },
      { id: 1, name: 'Empty', requestTypeIds: [99] },
      { id: 2, name: 'Get IT help', requestTypeIds: [1] },
    ];
    const result = groupRequestTypes(groups, [t(1), t(2), t(4), t(5)]);
    expect(result.map((g) => [g.key, g.name, g.types.map((x) => x.id)])).toEqual([
      ['3', 'Contact us about Change Enablement', [4, 5]],
      ['2', 'Get IT help', [1]],
      ['other', 'Other requests', [2]],
    ]);
  });

  it('puts everything in one group when the portal has no groups', () => {
    expect(groupRequestTypes([], [t(1), t(2)])).toEqual([{ key: 'other', name: 'All requests', types: [t(1), t(2)] }]);
  });
});
