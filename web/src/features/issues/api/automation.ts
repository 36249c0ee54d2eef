/**
 * The manual automation rules an agent may run on an issue (GET /api/v1/issues/{key}/automation)
 * and running one (POST /api/v1/issues/{key}/automation/{id}: queued, 202). The rule's changes
 * reach the issue view through the live feed.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';

export interface ManualRule {
  id: number;
  name: string;
  description: string;
}

export async function getManualRules(key: string): Promise<ManualRule[]> {
  const { values } = await unwrap(api.GET('/api/v1/issues/{key}/automation', { params: { path: { key } } }));
  return values;
}

export function useManualRules(key: string) {
  return useQuery({
    queryKey: queryKeys.issuePart(key, 'automation'),
    queryFn: () => getManualRules(key),
    staleTime: 60_000,
  });
}

export function useRunManualRule(key: string) {
  return useMutation({
    mutationFn: (rule: ManualRule) =>
      unwrap(api.POST('/api/v1/issues/{key}/automation/{id}', { params: { path: { key, id: rule.id } } })),
  });
}
