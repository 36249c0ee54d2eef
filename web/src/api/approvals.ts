/**
 * Approvals of an issue (a change's CAB review, a service owner's sign-off...), shared by the
 * issue view and the help center: GET /api/v1/issues/{key}/approvals lists them oldest first (the
 * pending one last); POST decides the pending one as the caller.
 *
 * Key: ['issue', key, 'approvals'] — under the issue's prefix, so the live feed refreshes it.
 * A decision can move the issue (approved → Awaiting implementation, declined → Canceled), so
 * afterwards the issue with all its parts, its customer view and the lists are refreshed.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { queryKeys } from './keys';
import type { Approval, ApprovalDecision } from './types';

export async function getApprovals(key: string): Promise<Approval[]> {
  const { values } = await unwrap(api.GET('/api/v1/issues/{key}/approvals', { params: { path: { key } } }));
  return values;
}

export function useApprovals(key: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.issuePart(key, 'approvals'),
    queryFn: () => getApprovals(key),
    enabled,
  });
}

export async function decideApproval(key: string, body: ApprovalDecision): Promise<Approval> {
  return unwrap(api.POST('/api/v1/issues/{key}/approvals', { params: { path: { key } }, body }));
}

/** Approves or declines the pending approval as the signed-in user. */
export function useDecideApproval(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApprovalDecision) => decideApproval(key, body),
    onSuccess: async () => {
      void client.invalidateQueries({ queryKey: queryKeys.request(key) });
      void client.invalidateQueries({ queryKey: queryKeys.allIssues() });
      void client.invalidateQueries({ queryKey: queryKeys.allQueues() });
      void client.invalidateQueries({ queryKey: ['queues'] });
      void client.invalidateQueries({ queryKey: queryKeys.allRequests() });
      void client.invalidateQueries({ queryKey: queryKeys.changes() });
      void client.invalidateQueries({ queryKey: queryKeys.deployments() });
      await client.invalidateQueries({ queryKey: queryKeys.issue(key) });
    },
  });
}
