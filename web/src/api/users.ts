import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { User } from '@/api/types';

/**
 * Staff search users by a substring of the username or display name; `assignable` keeps active
 * agents and administrators (no customers or bots).
 */
export async function searchUsers(query: string, limit = 20, assignable = false): Promise<User[]> {
  const { values } = await unwrap(
    api.GET('/api/v1/users', { params: { query: { query, limit, ...(assignable ? { assignable } : {}) } } }),
  );
  return values;
}

export function useUserSearch(query: string, enabled = true, assignable = false) {
  return useQuery({
    queryKey: ['users', query.trim().toLowerCase(), assignable ? 'assignable' : 'all'] as const,
    queryFn: () => searchUsers(query.trim(), 20, assignable),
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}
