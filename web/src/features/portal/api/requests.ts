/**
 * The customer's requests: "My requests" (GET /api/v1/requests), one request as its customer
 * sees it (GET /api/v1/requests/{key}), raising one, replying and sharing.
 *
 * Keys: ['requests', params] and ['request', key] — both refreshed by the live feed
 * (src/app/live.ts). A reply or a share also invalidates ['issue', key] for agents who have the
 * issue open in the workspace.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { CustomerRequest, RequestCreate, RequestList } from './types';

export type RequestFilter = 'all' | 'mine' | 'participated' | 'organization';
export type RequestStatusFilter = 'open' | 'closed' | 'all';

export interface RequestListParams {
  filter: RequestFilter;
  status: RequestStatusFilter;
  /** Part of the summary or the exact key; empty for no text filter */
  q: string;
  start: number;
  limit: number;
  [extra: string]: unknown;
}

/** The query string GET /api/v1/requests gets for the params (empty text left out). */
export function requestListQuery(params: RequestListParams) {
  const query: {
    filter: RequestFilter;
    status: RequestStatusFilter;
    start: number;
    limit: number;
    q?: string;
  } = { filter: params.filter, status: params.status, start: params.start, limit: params.limit };
  const q = params.q.trim();
  if (q) query.q = q;
  return query;
}

export async function getRequests(params: RequestListParams): Promise<RequestList> {
  return unwrap(api.GET('/api/v1/requests', { params: { query: requestListQuery(params) } }));
}

export const requestsQueryOptions = (params: RequestListParams) =>
  queryOptions({ queryKey: queryKeys.requests(params), queryFn: () => getRequests(params) });

export function useRequests(params: RequestListParams) {
  return useQuery({ ...requestsQueryOptions(params), placeholderData: keepPreviousData });
}

export async function getRequest(key: string): Promise<CustomerRequest> {
  return unwrap(api.GET('/api/v1/requests/{key}', { params: { path: { key } } }));
}

export const requestQueryOptions = (key: string) =>
  queryOptions({ queryKey: queryKeys.request(key), queryFn: () => getRequest(key) });

export function useRequest(key: string) {
  return useQuery(requestQueryOptions(key));
}

/** Raises a request; the answer is the new request's customer view, cached for the next page. */
export function useCreateRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestCreate) => unwrap(api.POST('/api/v1/requests', { body })),
    onSuccess: (created) => {
      client.setQueryData(queryKeys.request(created.key), created);
      void client.invalidateQueries({ queryKey: queryKeys.allRequests() });
    },
  });
}

/** A public reply (a comment that is not an internal note). */
export function useAddReply(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST('/api/v1/issues/{key}/comments', {
          params: { path: { key } },
          body: { body, internal: false },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.request(key) });
      void client.invalidateQueries({ queryKey: queryKeys.issue(key) });
    },
  });
}

export interface ShareChange {
  /** The full new list of participants' usernames */
  requestParticipants?: string[];
  /** The full new list of organization names */
  organizations?: string[];
}

/** Shares a request: PATCH /api/v1/issues/{key} with the whole new participant/organization lists. */
export function useShareRequest(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: ShareChange) =>
      unwrap(api.PATCH('/api/v1/issues/{key}', { params: { path: { key } }, body: change })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.request(key) });
      void client.invalidateQueries({ queryKey: queryKeys.issue(key) });
      void client.invalidateQueries({ queryKey: queryKeys.allRequests() });
    },
  });
}
