/** Object schemas: the list with counts, and one schema with its object type tree. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { CmdbSchema, CmdbSchemaDetail } from './types';

export const schemasQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.cmdbSchemas(),
    queryFn: async ({ signal }): Promise<CmdbSchema[]> =>
      (await unwrap(api.GET('/api/v1/cmdb/schemas', { signal }))).schemas,
  });

export function useSchemas() {
  return useQuery(schemasQueryOptions());
}

export const schemaQueryOptions = (key: string) =>
  queryOptions({
    queryKey: queryKeys.cmdbSchema(key),
    queryFn: ({ signal }): Promise<CmdbSchemaDetail> =>
      unwrap(api.GET('/api/v1/cmdb/schemas/{key}', { params: { path: { key: key.toUpperCase() } }, signal })),
  });

export function useSchema(key: string) {
  return useQuery(schemaQueryOptions(key));
}
