/**
 * Configuring a schema (administrators only; the server answers 403 to anyone else): object types
 * and attributes created, changed and deleted. Each invalidates the CMDB's queries, so the tree and
 * the attribute lists refresh.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { components } from '@/api/schema';
import type { CmdbAttribute, CmdbObjectType } from './types';

export type CmdbObjectTypeCreate = components['schemas']['CmdbObjectTypeCreate'];
export type CmdbAttributeInput = components['schemas']['CmdbAttributeInput'];
export type CmdbObjectTypeUpdate = components['schemas']['CmdbObjectTypeUpdate'];

/** An attribute's new position (PUT /api/v1/cmdb/attributes/{id} with `{"position": N}`). */
export interface AttributeMove {
  id: number;
  position: number;
}

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

export function useUpdateObjectType(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CmdbObjectTypeUpdate): Promise<CmdbObjectType> =>
      unwrap(api.PUT('/api/v1/cmdb/objecttypes/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.cmdb() }),
  });
}

export function useUpdateAttribute(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CmdbAttributeInput): Promise<CmdbAttribute> =>
      unwrap(api.PUT('/api/v1/cmdb/attributes/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.cmdb() }),
  });
}

/**
 * Moving an attribute: one PUT of `{"position": N}` per attribute whose position changes (two for
 * a swap of neighbours), one after the other. The CMDB's queries refresh afterwards even when one
 * failed (the first may have gone through); the mutation stays pending until they have.
 */
export function useMoveAttribute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (moves: readonly AttributeMove[]) => {
      for (const { id, position } of moves) {
        await unwrap(api.PUT('/api/v1/cmdb/attributes/{id}', { params: { path: { id } }, body: { position } }));
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.cmdb() }),
  });
}

/**
 * Deleting an object type (refused with 409 while it has objects, children or references to it).
 * The deleted type's own queries are left alone (they would answer 404): the caller moves away.
 */
export function useDeleteObjectType(schemaKey: string, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/cmdb/objecttypes/{id}', { params: { path: { id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.cmdb(), refetchType: 'none' });
      await queryClient.refetchQueries({ queryKey: queryKeys.cmdbSchema(schemaKey) });
    },
  });
}

/** Deleting an attribute and its values (refused with 409 for the type's label attribute). */
export function useDeleteAttribute(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/cmdb/attributes/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.cmdb() }),
  });
}
