import { describe, expect, it } from 'vitest';
import {
  addDays,
  bandSegments,
  formatDay,
  layoutDay,
  onDay,
  parseDay,
  shiftAnchor,
  startOfWeek,
  viewRange,
  viewTitle,
  weeksOf,
} from './calendar';

const at = (day: string, hh = 0, mm = 0) => {
  const d = parseDay(day)!;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), hh, mm);
};
const span = (name: string, start: Date, end: Date) => ({ name, start, end });

describe('calendar', () => {
  it('parses and formats local days, refusing impossible ones', () => {
    expect(formatDay(parseDay('2026-11-26')!)).toBe('2026-11-26');
    expect(parseDay('2026-02-30')).toBeUndefined();
    expect(parseDay('yesterday')).toBeUndefined();
    expect(parseDay(null)).toBeUndefined();
  });

  it('starts weeks on Monday', () => {
    expect(formatDay(startOfWeek(at('2026-11-26')))).toBe('2026-11-23'); // a Thursday
    expect(formatDay(startOfWeek(at('2026-11-29')))).toBe('2026-11-23'); // a Sunday
    expect(formatDay(startOfWeek(at('2026-11-23')))).toBe('2026-11-23');
  });

  it('covers whole weeks in the month view, seven days in the week view, one in the day view', () => {
    const month = viewRange('month', at('2026-11-26'));
    expect(formatDay(month.start)).toBe('2026-10-26');
    expect(formatDay(month.end)).toBe('2026-12-07');
    expect(month.days).toHaveLength(42);
    expect(weeksOf(month.days)).toHaveLength(6);

    const february = viewRange('month', at('2027-02-10'));
    expect(formatDay(february.start)).toBe('2027-02-01');
    expect(february.days).toHaveLength(28);

    const week = viewRange('week', at('2026-11-26', 15));
    expect([formatDay(week.start), formatDay(week.end), week.days.length]).toEqual(['2026-11-23', '2026-11-30', 7]);
    const day = viewRange('day', at('2026-11-26', 15));
    expect([formatDay(day.start), formatDay(day.end), day.days.length]).toEqual(['2026-11-26', '2026-11-27', 1]);
  });

  it('moves by a month, a week or a day', () => {
    expect(formatDay(shiftAnchor('month', at('2026-01-31'), 1))).toBe('2026-02-01');
    expect(formatDay(shiftAnchor('month', at('2026-01-15'), -1))).toBe('2025-12-01');
    expect(formatDay(shiftAnchor('week', at('2026-11-26'), 1))).toBe('2026-12-03');
    expect(formatDay(shiftAnchor('day', at('2026-12-31'), 1))).toBe('2027-01-01');
  });

  it('titles each view', () => {
    expect(viewTitle('month', at('2026-11-26'), 'en-GB')).toBe('November 2026');
    expect(viewTitle('day', at('2026-11-26'), 'en-GB')).toMatch(/^Thursday,? 26 November 2026$/);
    expect(viewTitle('week', at('2026-11-26'), 'en-GB')).toMatch(/^23\s*–\s*29 Nov 2026$/);
  });

  it('finds the spans on a day, moments included', () => {
    const spans = [
      span('overnight', at('2026-11-25', 22), at('2026-11-26', 2)),
      span('morning', at('2026-11-26', 9), at('2026-11-26', 11)),
      span('moment', at('2026-11-27', 0), at('2026-11-27', 0)),
      span('ends at midnight', at('2026-11-25', 20), at('2026-11-26', 0)),
    ];
    expect(onDay(spans, at('2026-11-26')).map((s) => s.name)).toEqual(['overnight', 'morning']);
    expect(onDay(spans, at('2026-11-27')).map((s) => s.name)).toEqual(['moment']);
  });

  it('runs freeze bands across the columns of a week row', () => {
    const week = viewRange('week', at('2026-11-26')).days;
    const segments = bandSegments(
      [
        span('year end', at('2026-11-27', 18), at('2026-12-05')),
        span('audit', at('2026-11-10'), at('2026-11-24', 12)),
        span('later', at('2026-12-10'), at('2026-12-11')),
      ],
      week,
    );
    expect(segments.map((s) => [s.item.name, s.startColumn, s.endColumn, s.continuesBefore, s.continuesAfter])).toEqual([
      ['audit', 0, 1, true, false],
      ['year end', 4, 6, false, true],
    ]);
  });

  it('lays overlapping changes side by side in a day column', () => {
    const day = at('2026-11-26');
    const blocks = layoutDay(
      [
        span('a', at('2026-11-26', 9), at('2026-11-26', 11)),
        span('b', at('2026-11-26', 10), at('2026-11-26', 12)),
        span('c', at('2026-11-26', 11), at('2026-11-26', 11, 10)),
        span('d', at('2026-11-26', 14), at('2026-11-26', 15)),
        span('night', at('2026-11-25', 23), at('2026-11-26', 1)),
      ],
      day,
    );
    const byName = Object.fromEntries(blocks.map((b) => [b.item.name, b]));
    expect(byName.night).toMatchObject({ top: 0, height: 60, lane: 0, lanes: 1, continuesBefore: true });
    expect(byName.a).toMatchObject({ top: 540, height: 120, lane: 0, lanes: 2 });
    expect(byName.b).toMatchObject({ top: 600, height: 120, lane: 1, lanes: 2 });
    // 10 minutes get the minimum height, in the lane a left free.
    expect(byName.c).toMatchObject({ top: 660, height: 30, lane: 0, lanes: 2 });
    expect(byName.d).toMatchObject({ top: 840, lane: 0, lanes: 1 });
    expect(addDays(day, 1).getDate()).toBe(27);
  });
});

describe('calendar times', () => {
  it('writes times on 24 hours, with the days when a window spans several', async () => {
    const { formatTime, formatWindow } = await import('./calendar');
    const nine = new Date(2026, 10, 26, 9, 0);
    const evening = new Date(2026, 10, 26, 21, 30);
    expect(formatTime(evening)).toMatch(/^21.30$/);
    expect(formatWindow(nine, evening)).toMatch(/^09.00 – 21.30$/);
    expect(formatWindow(evening, new Date(2026, 10, 27, 1, 0))).toMatch(/26.*21.30 – .*27.*01.00/);
  });
});
