import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { Issue, IssuePatch } from '@/api/types';

export async function getIssue(key: string): Promise<Issue> {
  return unwrap(api.GET('/api/v1/issues/{key}', { params: { path: { key } } }));
}

export const issueQueryOptions = (key: string) =>
  queryOptions({ queryKey: queryKeys.issue(key), queryFn: () => getIssue(key) });

export function useIssue(key: string) {
  return useQuery(issueQueryOptions(key));
}

/**
 * After a change of one issue: the issue and all its parts (comments, history, ...) refetch, and
 * the lists that may show it are marked stale (the live feed does the same for other people's
 * changes; this covers our own when the stream is down).
 */
export function invalidateIssue(client: QueryClient, key: string, updated?: Issue): Promise<void> {
  if (updated) client.setQueryData(queryKeys.issue(key), updated);
  void client.invalidateQueries({ queryKey: queryKeys.allIssues() });
  void client.invalidateQueries({ queryKey: queryKeys.allQueues() });
  void client.invalidateQueries({ queryKey: ['queues'] });
  return client.invalidateQueries({ queryKey: queryKeys.issue(key) });
}

export async function updateIssue(key: string, patch: IssuePatch): Promise<Issue> {
  return unwrap(api.PATCH('/api/v1/issues/{key}', { params: { path: { key } }, body: patch }));
}

/** PATCH /api/v1/issues/{key}: only the fields given change. */
export function useUpdateIssue(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: IssuePatch) => updateIssue(key, patch),
    onSuccess: (issue) => invalidateIssue(client, key, issue),
  });
}
