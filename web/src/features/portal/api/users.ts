/** User look-up for "Raise this request on behalf of" (GET /api/v1/users is for staff only). */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export function useUserSearch(query: string, enabled: boolean) {
  const q = query.trim();
  return useQuery({
    queryKey: ['users', 'search', q] as const,
    queryFn: async () => {
      const data = await unwrap(api.GET('/api/v1/users', { params: { query: { query: q, limit: 8 } } }));
      return data.values;
    },
    enabled: enabled && q.length > 0,
    staleTime: 30_000,
  });
}
