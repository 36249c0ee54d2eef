import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { HistoryGroup } from '@/api/types';

export async function getHistory(key: string): Promise<HistoryGroup[]> {
  const { values } = await unwrap(api.GET('/api/v1/issues/{key}/history', { params: { path: { key } } }));
  return values;
}

/** Oldest first, one group per change. */
export function useHistory(key: string) {
  return useQuery({ queryKey: queryKeys.issuePart(key, 'history'), queryFn: () => getHistory(key) });
}
