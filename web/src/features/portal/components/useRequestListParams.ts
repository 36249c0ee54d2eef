import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { RequestFilter, RequestListParams, RequestStatusFilter } from '../api/requests';

export const REQUESTS_PAGE_SIZE = 25;

const FILTERS: readonly RequestFilter[] = ['all', 'mine', 'participated', 'organization'];
const STATUSES: readonly RequestStatusFilter[] = ['open', 'closed', 'all'];

export interface RequestListUrlState {
  filter: RequestFilter;
  status: RequestStatusFilter;
  q: string;
  /** 1-based */
  page: number;
}

/** Reads "My requests" filters from the URL (`?status=closed&filter=mine&q=vpn&page=2`). */
export function parseRequestListState(search: URLSearchParams): RequestListUrlState {
  const filter = search.get('filter') as RequestFilter | null;
  const status = search.get('status') as RequestStatusFilter | null;
  const page = Number.parseInt(search.get('page') ?? '1', 10);
  return {
    filter: filter && FILTERS.includes(filter) ? filter : 'all',
    status: status && STATUSES.includes(status) ? status : 'open',
    q: search.get('q') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function toListParams(state: RequestListUrlState, limit = REQUESTS_PAGE_SIZE): RequestListParams {
  return { filter: state.filter, status: state.status, q: state.q.trim(), start: (state.page - 1) * limit, limit };
}

/** The filters as URL state; changing a filter goes back to the first page. */
export function useRequestListParams() {
  const [search, setSearch] = useSearchParams();
  const state = parseRequestListState(search);
  const update = useCallback(
    (change: Partial<RequestListUrlState>, options: { replace?: boolean } = {}) => {
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          const merged = { ...parseRequestListState(current), page: 1, ...change };
          const set = (key: string, value: string, fallback: string) => {
            if (value === fallback) next.delete(key);
            else next.set(key, value);
          };
          set('status', merged.status, 'open');
          set('filter', merged.filter, 'all');
          set('q', merged.q, '');
          set('page', String(merged.page), '1');
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setSearch],
  );
  return [state, update] as const;
}
