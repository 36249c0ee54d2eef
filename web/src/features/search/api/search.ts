import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { ListParams } from '@/api/keys';
import type { SearchResults } from '@/api/types';

export interface SearchParams extends ListParams {
  fields?: readonly string[];
  limit?: number;
  cursor?: string;
}

/** GET /api/v1/search: one page of the issues matching `jql` that the caller may see. */
export async function searchIssues(jql: string, params: SearchParams = {}): Promise<SearchResults> {
  const query: { jql: string; fields?: string; limit?: number; cursor?: string } = { jql };
  if (params.fields) query.fields = params.fields.join(',');
  if (params.limit !== undefined) query.limit = params.limit;
  if (params.cursor !== undefined) query.cursor = params.cursor;
  return unwrap(api.GET('/api/v1/search', { params: { query } }));
}

export const searchQueryOptions = (jql: string, params: SearchParams = {}) =>
  queryOptions({
    queryKey: queryKeys.issues(jql, params),
    queryFn: () => searchIssues(jql, params),
    placeholderData: keepPreviousData,
  });

export function useSearch(jql: string, params: SearchParams = {}, enabled = true) {
  return useQuery({ ...searchQueryOptions(jql, params), enabled });
}
