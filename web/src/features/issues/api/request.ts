import { useQuery } from '@tanstack/react-query';
import { api, isApiError, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { CustomerRequest } from './types';

/**
 * The help-center view of an issue, for its request type and portal: the Issue schema has no
 * request type, GET /api/v1/requests/{key} does (null for issues not raised through one). 404
 * (not in a portal the caller may use) is "no request".
 */
export async function getIssueRequest(key: string): Promise<CustomerRequest | null> {
  try {
    return await unwrap(api.GET('/api/v1/requests/{key}', { params: { path: { key } } }));
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 403)) return null;
    throw error;
  }
}

export function useIssueRequest(key: string) {
  return useQuery({
    // Under the issue's prefix, so the live feed and our own mutations refresh it too.
    queryKey: [...queryKeys.issue(key), 'request'] as const,
    queryFn: () => getIssueRequest(key),
    staleTime: 5 * 60_000,
  });
}
