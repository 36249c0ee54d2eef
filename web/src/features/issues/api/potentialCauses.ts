/**
 * Potential causes of an incident (S6.6): the changes and deployments of the past days on the
 * incident's affected services (GET /api/v1/issues/{key}/potential-causes?days=), and selecting
 * one (POST {change}), which links the change to the incident as "causes".
 *
 * Key: ['issue', key, 'potential-causes', days]; selecting refreshes the issue (its links) and
 * the change's.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import { invalidateIssue } from './issue';
import type { PotentialCause } from './types';

export async function getPotentialCauses(key: string, days: number): Promise<PotentialCause[]> {
  const { values } = await unwrap(
    api.GET('/api/v1/issues/{key}/potential-causes', { params: { path: { key }, query: { days } } }),
  );
  return values;
}

export function usePotentialCauses(key: string, days: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.potentialCauses(key, days),
    queryFn: () => getPotentialCauses(key, days),
    enabled,
  });
}

export function useSelectPotentialCause(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: string) =>
      unwrap(api.POST('/api/v1/issues/{key}/potential-causes', { params: { path: { key } }, body: { change } })),
    onSuccess: async (_link, change) => {
      void invalidateIssue(client, change);
      await invalidateIssue(client, key);
    },
  });
}
