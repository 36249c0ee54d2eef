/** One object type with its attributes (own and inherited, in order). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { CmdbObjectType } from './types';

export const objectTypeQueryOptions = (id: number) =>
  queryOptions({
    queryKey: queryKeys.cmdbObjectType(id),
    queryFn: ({ signal }): Promise<CmdbObjectType> =>
      unwrap(api.GET('/api/v1/cmdb/objecttypes/{id}', { params: { path: { id } }, signal })),
    // Attributes change only when an administrator edits the type.
    staleTime: 5 * 60_000,
  });

export function useObjectType(id: number | undefined) {
  return useQuery({ ...objectTypeQueryOptions(id ?? 0), enabled: id !== undefined && id > 0 });
}
