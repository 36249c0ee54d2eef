import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { Issue, IssueCreate } from '@/api/types';

export async function createIssue(body: IssueCreate): Promise<Issue> {
  return unwrap(api.POST('/api/v1/issues', { body }));
}

/** POST /api/v1/issues; refreshes the lists, and the parent of a new sub-task. */
export function useCreateIssueMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createIssue,
    onSuccess: (issue) => {
      void client.invalidateQueries({ queryKey: queryKeys.allIssues() });
      void client.invalidateQueries({ queryKey: queryKeys.allQueues() });
      void client.invalidateQueries({ queryKey: ['queues'] });
      if (issue.parent) void client.invalidateQueries({ queryKey: queryKeys.issue(issue.parent.key) });
    },
  });
}
