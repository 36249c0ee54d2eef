/**
 * Change enablement settings (GET/PUT /api/v1/changes/settings): which deployments open change
 * requests and which are gated, the risk model's mapping to the CMDB, the lead-time policy and the
 * approval steps. Staff read them; administrators replace them (PUT, the whole document; a 400
 * names the field, e.g. `approvalSteps[2].status`). Key: ['changes', 'settings'].
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { ChangeSettings } from './types';

export async function getChangeSettings(): Promise<ChangeSettings> {
  return unwrap(api.GET('/api/v1/changes/settings'));
}

export function useChangeSettings() {
  return useQuery({ queryKey: queryKeys.changeSettings(), queryFn: getChangeSettings });
}

export function useSaveChangeSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangeSettings) => unwrap(api.PUT('/api/v1/changes/settings', { body })),
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.changeSettings(), saved);
      return client.invalidateQueries({ queryKey: queryKeys.changes() });
    },
  });
}
