import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { Watchers } from './types';

export async function getWatchers(key: string): Promise<Watchers> {
  return unwrap(api.GET('/api/v1/issues/{key}/watchers', { params: { path: { key } } }));
}

export function useWatchers(key: string) {
  return useQuery({ queryKey: queryKeys.issuePart(key, 'watchers'), queryFn: () => getWatchers(key) });
}

/** Start (true) or stop (false) watching as the signed-in user. */
export function useSetWatching(key: string, username: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (watch: boolean): Promise<void> => {
      if (watch) {
        const watchers = await unwrap(
          api.POST('/api/v1/issues/{key}/watchers', { params: { path: { key } } }),
        );
        client.setQueryData(queryKeys.issuePart(key, 'watchers'), watchers);
      } else {
        await unwrap(
          api.DELETE('/api/v1/issues/{key}/watchers/{username}', {
            params: { path: { key, username } },
          }),
        );
      }
    },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.issue(key) }),
  });
}
