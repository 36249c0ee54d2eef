import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { User } from '@/api/types';

/** Staff search users by a substring of the username or display name. */
export async function searchUsers(query: string, limit = 20): Promise<User[]> {
  const { values } = await unwrap(api.GET('/api/v1/users', { params: { query: { query, limit } } }));
  return values;
}

export function useUserSearch(query: string, enabled = true) {
  return useQuery({
    queryKey: ['users', query.trim().toLowerCase()] as const,
    queryFn: () => searchUsers(query.trim()),
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}
