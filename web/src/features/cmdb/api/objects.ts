/**
 * Objects: AQL search pages, one object with its references, its history, its reference graph and
 * its connected issues; creating, changing and deleting objects.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type {
  CmdbConnectedIssue,
  CmdbGraph,
  CmdbHistoryEntry,
  CmdbObject,
  CmdbObjectCreate,
  CmdbObjectDetail,
  CmdbObjectList,
  CmdbObjectPatch,
  GraphDirection,
} from './types';

export interface ObjectSearch {
  aql: string;
  schema?: string | undefined;
  start?: number | undefined;
  limit?: number | undefined;
}

export async function searchObjects(search: ObjectSearch, signal?: AbortSignal): Promise<CmdbObjectList> {
  const query: { aql?: string; schema?: string; start?: number; limit?: number } = {};
  if (search.aql.trim()) query.aql = search.aql;
  if (search.schema) query.schema = search.schema;
  if (search.start) query.start = search.start;
  if (search.limit) query.limit = search.limit;
  return unwrap(api.GET('/api/v1/cmdb/objects', { params: { query }, signal }));
}

export const objectSearchQueryOptions = (search: ObjectSearch) =>
  queryOptions({
    queryKey: queryKeys.cmdbObjects({ ...search }),
    queryFn: ({ signal }) => searchObjects(search, signal),
  });

/** A page of objects; the previous page stays while the next one loads. */
export function useObjectSearch(search: ObjectSearch, enabled = true) {
  return useQuery({ ...objectSearchQueryOptions(search), enabled, placeholderData: keepPreviousData });
}

export const objectQueryOptions = (key: string) =>
  queryOptions({
    queryKey: queryKeys.cmdbObject(key),
    queryFn: ({ signal }): Promise<CmdbObjectDetail> =>
      unwrap(api.GET('/api/v1/cmdb/objects/{key}', { params: { path: { key: key.toUpperCase() } }, signal })),
  });

export function useObject(key: string) {
  return useQuery(objectQueryOptions(key));
}

export function useObjectHistory(key: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.cmdbObjectPart(key, 'history'),
    queryFn: async ({ signal }): Promise<CmdbHistoryEntry[]> =>
      (await unwrap(api.GET('/api/v1/cmdb/objects/{key}/history', { params: { path: { key } }, signal }))).history,
    enabled,
  });
}

export function useObjectIssues(key: string) {
  return useQuery({
    queryKey: queryKeys.cmdbObjectPart(key, 'issues'),
    queryFn: async ({ signal }): Promise<CmdbConnectedIssue[]> =>
      (await unwrap(api.GET('/api/v1/cmdb/objects/{key}/issues', { params: { path: { key } }, signal }))).issues,
  });
}

export function useObjectGraph(key: string, depth: number, direction: GraphDirection) {
  return useQuery({
    queryKey: queryKeys.cmdbObjectPart(key, 'graph', { depth, direction }),
    queryFn: ({ signal }): Promise<CmdbGraph> =>
      unwrap(
        api.GET('/api/v1/cmdb/objects/{key}/graph', {
          params: { path: { key }, query: { depth, direction } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** After any change of objects: counts, lists, objects (references of others) may all differ. */
function useInvalidateCmdb() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.cmdb() });
}

export function useCreateObject() {
  const invalidate = useInvalidateCmdb();
  return useMutation({
    mutationFn: (body: CmdbObjectCreate): Promise<CmdbObject> => unwrap(api.POST('/api/v1/cmdb/objects', { body })),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateObject(key: string) {
  const invalidate = useInvalidateCmdb();
  return useMutation({
    mutationFn: (body: CmdbObjectPatch): Promise<CmdbObject> =>
      unwrap(api.PATCH('/api/v1/cmdb/objects/{key}', { params: { path: { key } }, body })),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteObject(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ cascade }: { cascade: boolean }): Promise<void> => {
      await unwrap(
        api.DELETE('/api/v1/cmdb/objects/{key}', {
          params: { path: { key }, query: cascade ? { cascade: true } : {} },
        }),
      );
    },
    onSuccess: async () => {
      // The object is gone: drop its entries rather than refetch them (404).
      queryClient.removeQueries({ queryKey: queryKeys.cmdbObject(key) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.cmdb() });
    },
  });
}
