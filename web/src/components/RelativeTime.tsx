import { useEffect, useState } from 'react';
import { formatDateTime, formatRelative } from '@/lib/time';

export interface RelativeTimeProps {
  /** ISO 8601 date-time, as the API sends it */
  value: string | null | undefined;
  /** Text when there is no value */
  fallback?: string;
}

/** "3 hours ago", with the exact local time as tooltip; refreshes every minute. */
export function RelativeTime({ value, fallback = '—' }: RelativeTimeProps) {
  const now = useNow(60_000);
  if (!value) return <span>{fallback}</span>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{value}</span>;
  return (
    <time dateTime={value} title={formatDateTime(date)}>
      {formatRelative(date, now)}
    </time>
  );
}

function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
