/**
 * Date arithmetic and layout of the change calendar, in the browser's time zone: the range a
 * month, week or day view covers (weeks start on Monday), moving between periods, which changes
 * and freeze windows fall on a day, where freeze bands run across a week row, and how the blocks
 * of overlapping changes share a day column in the week and day views.
 */

export type CalendarView = 'month' | 'week' | 'day';

export const CALENDAR_VIEWS: readonly CalendarView[] = ['month', 'week', 'day'];

export function isCalendarView(value: string | null | undefined): value is CalendarView {
  return value === 'month' || value === 'week' || value === 'day';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-26" for the local date of `d`. */
export function formatDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2026-11-26" → local midnight of that day; undefined for anything else. */
export function parseDay(value: string | null | undefined): Date | undefined {
  const m = value?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) || d.getDate() !== Number(m[3]) ? undefined : d;
}

export function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/** Calendar days later (midnight stays midnight across daylight-saving changes). */
export function addDays(d: Date, n: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n, d.getHours(), d.getMinutes());
}

/** The Monday of the week of `d`, at midnight. */
export function startOfWeek(d: Date): Date {
  const day = startOfDay(d);
  const offset = (day.getDay() + 6) % 7;
  return addDays(day, -offset);
}

export function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export interface CalendarRange {
  /** First moment shown (local midnight) */
  start: Date;
  /** First moment after the range (exclusive) */
  end: Date;
  /** Midnight of each day shown */
  days: Date[];
}

/** What a view shows around `anchor`: the whole weeks of its month, its week, or the day. */
export function viewRange(view: CalendarView, anchor: Date): CalendarRange {
  let start: Date;
  let count: number;
  if (view === 'month') {
    const first = new Date(anchor.getFullYear(), anchor.getMonth(), 1);
    const last = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0);
    start = startOfWeek(first);
    const endWeek = addDays(startOfWeek(last), 7);
    count = Math.round((endWeek.getTime() - start.getTime()) / 86_400_000);
  } else if (view === 'week') {
    start = startOfWeek(anchor);
    count = 7;
  } else {
    start = startOfDay(anchor);
    count = 1;
  }
  const days = Array.from({ length: count }, (_, i) => addDays(start, i));
  return { start, end: addDays(start, count), days };
}

/** The anchor one period earlier (-1) or later (+1). */
export function shiftAnchor(view: CalendarView, anchor: Date, direction: -1 | 1): Date {
  if (view === 'month') return new Date(anchor.getFullYear(), anchor.getMonth() + direction, 1);
  return addDays(startOfDay(anchor), view === 'week' ? 7 * direction : direction);
}

/** "November 2026", "23 – 29 Nov 2026", "Thursday, 26 November 2026" (in the browser's locale). */
export function viewTitle(view: CalendarView, anchor: Date, locale?: string): string {
  if (view === 'month') {
    return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(anchor);
  }
  if (view === 'day') {
    return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
      anchor,
    );
  }
  const { start } = viewRange('week', anchor);
  const last = addDays(start, 6);
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  return format.formatRange(start, last);
}

/** Half-open intervals [aStart, aEnd) and [bStart, bEnd) share a moment. */
export function overlaps(aStart: Date, aEnd: Date, bStart: Date, bEnd: Date): boolean {
  return aStart.getTime() < bEnd.getTime() && bStart.getTime() < aEnd.getTime();
}

/** Something with a window: a change (plannedStart/plannedEnd) or a freeze window (start/end). */
export interface Span {
  start: Date;
  end: Date;
}

/** A window of zero length still shows on its day (as a moment). */
function spanEnd(span: Span): Date {
  return span.end.getTime() > span.start.getTime() ? span.end : new Date(span.start.getTime() + 1);
}

/** The spans that touch the day starting at `day`. */
export function onDay<T extends Span>(spans: readonly T[], day: Date): T[] {
  const next = addDays(day, 1);
  return spans.filter((s) => overlaps(s.start, spanEnd(s), day, next));
}

/** Where a freeze window runs across a week row: columns 0–6, and whether it goes on beyond. */
export interface BandSegment<T> {
  item: T;
  startColumn: number;
  /** Inclusive */
  endColumn: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

/** The segments of the spans over a row of consecutive days (a week of the month view). */
export function bandSegments<T extends Span>(spans: readonly T[], days: readonly Date[]): BandSegment<T>[] {
  const first = days[0];
  const lastDay = days[days.length - 1];
  if (!first || !lastDay) return [];
  const rowEnd = addDays(lastDay, 1);
  const segments: BandSegment<T>[] = [];
  for (const item of spans) {
    const end = spanEnd(item);
    if (!overlaps(item.start, end, first, rowEnd)) continue;
    const columns = days.map((d, i) => (overlaps(item.start, end, d, addDays(d, 1)) ? i : -1)).filter((i) => i >= 0);
    segments.push({
      item,
      startColumn: columns[0] ?? 0,
      endColumn: columns[columns.length - 1] ?? 0,
      continuesBefore: item.start.getTime() < first.getTime(),
      continuesAfter: end.getTime() > rowEnd.getTime(),
    });
  }
  return segments.sort((a, b) => a.startColumn - b.startColumn || b.endColumn - a.endColumn);
}

/** A block of the week and day views: its place in the day column, in minutes and lanes. */
export interface DayBlock<T> {
  item: T;
  /** Minutes after midnight where the block starts (0 when it began the day before) */
  top: number;
  /** Minutes it lasts within the day (at least `minMinutes`) */
  height: number;
  lane: number;
  /** Lanes of the cluster of overlapping blocks it belongs to */
  lanes: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

const DAY_MINUTES = 24 * 60;

/**
 * Lays the spans that touch a day out in its column: blocks that overlap go side by side (greedy
 * lanes, each cluster of overlapping blocks as wide as it needs), short ones get a minimum height.
 */
export function layoutDay<T extends Span>(spans: readonly T[], day: Date, minMinutes = 30): DayBlock<T>[] {
  const dayStart = day.getTime();
  const dayEnd = addDays(day, 1).getTime();
  const blocks = onDay(spans, day)
    .map((item) => {
      const start = Math.max(item.start.getTime(), dayStart);
      const end = Math.min(spanEnd(item).getTime(), dayEnd);
      const top = Math.min(DAY_MINUTES - minMinutes, Math.max(0, Math.round((start - dayStart) / 60_000)));
      const height = Math.min(DAY_MINUTES - top, Math.max(minMinutes, Math.round((end - start) / 60_000)));
      return {
        item,
        top,
        height,
        lane: 0,
        lanes: 1,
        continuesBefore: item.start.getTime() < dayStart,
        continuesAfter: spanEnd(item).getTime() > dayEnd,
      };
    })
    .sort((a, b) => a.top - b.top || b.height - a.height);

  let cluster: DayBlock<T>[] = [];
  let clusterEnd = -1;
  const laneEnds: number[] = [];
  const closeCluster = () => {
    const lanes = Math.max(1, ...cluster.map((b) => b.lane + 1));
    for (const b of cluster) b.lanes = lanes;
    cluster = [];
    laneEnds.length = 0;
  };
  for (const block of blocks) {
    if (block.top >= clusterEnd) closeCluster();
    let lane = laneEnds.findIndex((end) => end <= block.top);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = block.top + block.height;
    block.lane = lane;
    cluster.push(block);
    clusterEnd = Math.max(clusterEnd, block.top + block.height);
  }
  closeCluster();
  return blocks;
}

/** Chunks the days of a month view into weeks. */
export function weeksOf(days: readonly Date[]): Date[][] {
  const weeks: Date[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return weeks;
}

// 24-hour times throughout the calendar: they fit its narrow chips and match the hour gutter.
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "09:00 – 11:00" on one day, "26 Nov, 22:00 – 27 Nov, 02:00" across days. */
export function formatWindow(start: Date, end: Date): string {
  if (sameDay(start, end)) return `${timeFormat.format(start)} – ${timeFormat.format(end)}`;
  return `${dayTimeFormat.format(start)} – ${dayTimeFormat.format(end)}`;
}

/** "09:00", "21:30" */
export function formatTime(d: Date): string {
  return timeFormat.format(d);
}
