/**
 * The "Changes by type" report as a chart: one stacked bar per month (standard, normal,
 * emergency, and changes without a type), the month labels, totals and a rounded axis scale.
 */
import type { ChangesByTypeMonth } from '../api/changesByType';

export type SeriesKey = 'standard' | 'normal' | 'emergency' | 'other';

export interface Series {
  key: SeriesKey;
  label: string;
  /** Mantine colour name */
  color: string;
}

export const SERIES: readonly Series[] = [
  { key: 'standard', label: 'Standard', color: 'teal' },
  { key: 'normal', label: 'Normal', color: 'blue' },
  { key: 'emergency', label: 'Emergency', color: 'red' },
  { key: 'other', label: 'No type', color: 'gray' },
];

export interface Bar {
  month: string;
  label: string;
  total: number;
  values: Record<SeriesKey, number>;
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2026-11" → "Nov 2026" in the browser's locale. */
export function monthLabel(month: string, format: Intl.DateTimeFormat = monthFormat): string {
  const m = month.match(/^(\d{4})-(\d{2})$/);
  if (!m) return month;
  return format.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

/** A bar per month; changes without a type are what `all` has beyond the three types. */
export function toBars(rows: readonly ChangesByTypeMonth[]): Bar[] {
  return rows.map((r) => ({
    month: r.month,
    label: monthLabel(r.month),
    total: r.all,
    values: {
      standard: r.standard,
      normal: r.normal,
      emergency: r.emergency,
      other: Math.max(0, r.all - r.standard - r.normal - r.emergency),
    },
  }));
}

export function totals(bars: readonly Bar[]): Record<SeriesKey | 'all', number> {
  const sum = { all: 0, standard: 0, normal: 0, emergency: 0, other: 0 };
  for (const b of bars) {
    sum.all += b.total;
    for (const s of SERIES) sum[s.key] += b.values[s.key];
  }
  return sum;
}

/** The axis: a round top at or above `max` and the ticks up to it (0, 10, 20, … or 0, 25, 50, …). */
export function axisTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * magnitude >= raw) ?? 10) * magnitude;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 100) / 100);
  return ticks;
}
