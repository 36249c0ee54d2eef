/**
 * The customer's requests. Until the help-center endpoints exist (portals, request types,
 * /requests), "My requests" is a JQL search the server filters by the customer's permissions.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { Issue, SearchResults } from '@/api/types';

export const MY_REQUESTS_JQL = 'reporter = currentUser() ORDER BY created DESC';

export interface RequestsParams {
  limit?: number;
  cursor?: string;
  [extra: string]: unknown;
}

export async function getMyRequests(params: RequestsParams): Promise<SearchResults> {
  const query: { jql: string; fields: string; limit?: number; cursor?: string } = {
    jql: MY_REQUESTS_JQL,
    fields: 'summary,status,issuetype,created,updated',
  };
  if (params.limit !== undefined) query.limit = params.limit;
  if (params.cursor !== undefined) query.cursor = params.cursor;
  return unwrap(api.GET('/api/v1/search', { params: { query } }));
}

export const myRequestsQueryOptions = (params: RequestsParams = {}) =>
  queryOptions({ queryKey: queryKeys.requests(params), queryFn: () => getMyRequests(params) });

export function useMyRequests(params: RequestsParams = {}) {
  return useQuery(myRequestsQueryOptions(params));
}

export async function getRequest(key: string): Promise<Issue> {
  return unwrap(api.GET('/api/v1/issues/{key}', { params: { path: { key } } }));
}

export const requestQueryOptions = (key: string) =>
  queryOptions({ queryKey: queryKeys.request(key), queryFn: () => getRequest(key) });

export function useRequest(key: string) {
  return useQuery(requestQueryOptions(key));
}
