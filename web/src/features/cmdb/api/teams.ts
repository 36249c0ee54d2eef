/** Teams for team attributes (GET /api/v1/teams); cached like the issue screens' configuration. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export function useTeams(enabled = true) {
  return useQuery({
    // The same entry as the issue screens' teams: one list of teams in the cache.
    queryKey: ['config', 'teams'] as const,
    queryFn: async () => (await unwrap(api.GET('/api/v1/teams'))).values,
    staleTime: 10 * 60_000,
    enabled,
  });
}
