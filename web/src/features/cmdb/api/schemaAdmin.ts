/**
 * Configuring a schema (administrators only; the server answers 403 to anyone else): new object
 * types and new attributes. Both invalidate the CMDB's queries, so the tree and the attribute
 * lists refresh.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { components } from '@/api/schema';
import type { CmdbAttribute, CmdbObjectType } from './types';

export type CmdbObjectTypeCreate = components['schemas']['CmdbObjectTypeCreate'];
export type CmdbAttributeInput = components['schemas']['CmdbAttributeInput'];

export function useCreateObjectType(schemaKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CmdbObjectTypeCreate): Promise<CmdbObjectType> =>
      unwrap(
        api.POST('/api/v1/cmdb/schemas/{key}/objecttypes', {
          params: { path: { key: schemaKey.toUpperCase() } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.cmdb() }),
  });
}

export function useCreateAttribute(typeId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CmdbAttributeInput): Promise<CmdbAttribute> =>
      unwrap(api.POST('/api/v1/cmdb/objecttypes/{id}/attributes', { params: { path: { id: typeId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.cmdb() }),
  });
}
