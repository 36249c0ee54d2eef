/**
 * The change calendar (GET /api/v1/changes/calendar): changes whose planned window overlaps a
 * range, with the keys they conflict with and whether a freeze window covers them, and the
 * freeze windows in the range. Key: ['changes', 'calendar', params].
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { ChangeCalendar, ChangeType } from './types';

export interface CalendarQuery {
  /** ISO 8601 start of the range (inclusive) */
  from: string;
  /** ISO 8601 end of the range (exclusive) */
  to: string;
  changeType?: ChangeType | undefined;
  /** Service object key or label */
  service?: string | undefined;
  /** Status name */
  status?: string | undefined;
  [extra: string]: unknown;
}

/** The query string: empty filters left out. */
export function calendarQuery(params: CalendarQuery) {
  const query: { from: string; to: string; changeType?: ChangeType; service?: string; status?: string } = {
    from: params.from,
    to: params.to,
  };
  if (params.changeType) query.changeType = params.changeType;
  if (params.service) query.service = params.service;
  if (params.status) query.status = params.status;
  return query;
}

export async function getChangeCalendar(params: CalendarQuery): Promise<ChangeCalendar> {
  return unwrap(api.GET('/api/v1/changes/calendar', { params: { query: calendarQuery(params) } }));
}

export function useChangeCalendar(params: CalendarQuery) {
  return useQuery({
    queryKey: queryKeys.changeCalendar(params),
    queryFn: () => getChangeCalendar(params),
    placeholderData: keepPreviousData,
  });
}
