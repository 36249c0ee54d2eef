import { keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { ListParams } from '@/api/keys';
import type { QueryLanguage, QueryValidation, SearchResults, UserRef } from '@/api/types';

/** Issues per page of a search. */
export const SEARCH_PAGE_SIZE = 50;

export interface SearchParams extends ListParams {
  fields?: readonly string[];
  limit?: number;
  cursor?: string;
}

/** GET /api/v1/search: one page of the issues matching `jql` that the caller may see. */
export async function searchIssues(jql: string, params: SearchParams = {}, signal?: AbortSignal): Promise<SearchResults> {
  const query: { jql: string; fields?: string; limit?: number; cursor?: string } = { jql };
  if (params.fields && params.fields.length > 0) query.fields = params.fields.join(',');
  if (params.limit !== undefined) query.limit = params.limit;
  if (params.cursor !== undefined) query.cursor = params.cursor;
  return unwrap(api.GET('/api/v1/search', { params: { query }, ...(signal ? { signal } : {}) }));
}

export const searchQueryOptions = (jql: string, params: SearchParams = {}) =>
  queryOptions({
    queryKey: queryKeys.issues(jql, params),
    queryFn: ({ signal }) => searchIssues(jql, params, signal),
    placeholderData: keepPreviousData,
  });

/**
 * A search, page after page ("Load more", following the API's `next` cursor). The key is
 * ['issues', jql, {fields, limit, pages}], so the live feed's invalidation of ['issues']
 * refreshes it. The previous results stay on screen (dimmed) while a new query or order loads.
 */
export function useIssueSearch(jql: string, fields: readonly string[], enabled = true) {
  const params: ListParams = { fields, limit: SEARCH_PAGE_SIZE, pages: true };
  return useInfiniteQuery({
    queryKey: queryKeys.issues(jql, params),
    queryFn: ({ pageParam, signal }) => {
      const page: SearchParams = { fields, limit: SEARCH_PAGE_SIZE };
      if (pageParam) page.cursor = pageParam;
      return searchIssues(jql, page, signal);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** GET /api/v1/query/fields: the fields, operators, functions and keywords of JQL. */
export async function getQueryLanguage(): Promise<QueryLanguage> {
  return unwrap(api.GET('/api/v1/query/fields'));
}

export const queryLanguageOptions = () =>
  queryOptions({ queryKey: queryKeys.fields(), queryFn: getQueryLanguage, staleTime: 10 * 60_000 });

export function useQueryLanguage() {
  return useQuery(queryLanguageOptions());
}

/** POST /api/v1/query/validate: checks a query without running it (always 200). */
export async function validateJql(jql: string, signal?: AbortSignal): Promise<QueryValidation> {
  return unwrap(api.POST('/api/v1/query/validate', { body: { jql }, ...(signal ? { signal } : {}) }));
}

/** GET /api/v1/users?query=: people for user-field suggestions (staff may list users). */
export async function findUsers(text: string): Promise<UserRef[]> {
  const { values } = await unwrap(api.GET('/api/v1/users', { params: { query: { query: text, limit: 20 } } }));
  return values.map((u) => ({ username: u.username, displayName: u.displayName }));
}
