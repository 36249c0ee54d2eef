/**
 * A change's risk assessment (GET /api/v1/issues/{key}/risk): the score and level from the CMDB
 * risk model, the reasons, whether the CAB must review it, and the lead time. Changes without an
 * assessment (standard changes, or types the model does not cover) answer 404: that is `null`.
 *
 * Key: ['issue', key, 'risk'] — under the issue's prefix, so edits of the issue and the live feed
 * refresh it (Automation recomputes the risk when an answer changes).
 */
import { useQuery } from '@tanstack/react-query';
import { api, isApiError, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { RiskAssessment } from '@/api/types';

export async function getChangeRisk(key: string): Promise<RiskAssessment | null> {
  try {
    return await unwrap(api.GET('/api/v1/issues/{key}/risk', { params: { path: { key } } }));
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export function useChangeRisk(key: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.issuePart(key, 'risk'),
    queryFn: () => getChangeRisk(key),
    enabled,
  });
}
