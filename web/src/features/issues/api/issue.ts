import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { Issue } from '@/api/types';

export async function getIssue(key: string): Promise<Issue> {
  return unwrap(api.GET('/api/v1/issues/{key}', { params: { path: { key } } }));
}

export const issueQueryOptions = (key: string) =>
  queryOptions({ queryKey: queryKeys.issue(key), queryFn: () => getIssue(key) });

export function useIssue(key: string) {
  return useQuery(issueQueryOptions(key));
}
