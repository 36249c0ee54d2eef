import { describe, expect, it } from 'vitest';
import { axisTicks, monthLabel, toBars, totals } from './changesByType';

describe('changes by type', () => {
  it('labels months', () => {
    expect(monthLabel('2026-11', new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }))).toBe(
      'Nov 2026',
    );
    expect(monthLabel('soon')).toBe('soon');
  });

  it('stacks the types and counts changes without one', () => {
    const bars = toBars([
      { month: '2026-10', all: 36, standard: 27, normal: 7, emergency: 0 },
      { month: '2026-11', all: 10, standard: 5, normal: 3, emergency: 2 },
    ]);
    expect(bars[0]!.values).toEqual({ standard: 27, normal: 7, emergency: 0, other: 2 });
    expect(bars[1]!.values.other).toBe(0);
    expect(totals(bars)).toEqual({ all: 46, standard: 32, normal: 10, emergency: 2, other: 2 });
  });

  it('rounds the axis up to even steps', () => {
    expect(axisTicks(49)).toEqual([0, 20, 40, 60]);
    expect(axisTicks(40)).toEqual([0, 10, 20, 30, 40]);
    expect(axisTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(0)).toEqual([0, 1]);
  });
});
