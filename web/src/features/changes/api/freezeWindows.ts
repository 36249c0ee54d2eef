/**
 * Freeze windows (GET/POST /api/v1/changes/freeze-windows, DELETE .../{id}): periods in which
 * changes on some services (or all) may not be implemented (`block`) or are marked in conflict
 * (`flag`). Administrators add and remove them. Key: ['changes', 'freeze-windows']; a change of
 * one refreshes everything under ['changes'] (the calendar shows them and the changes they freeze).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { FreezeWindow, NewFreezeWindow } from './types';

export async function getFreezeWindows(): Promise<FreezeWindow[]> {
  const { values } = await unwrap(api.GET('/api/v1/changes/freeze-windows'));
  return values;
}

export function useFreezeWindows() {
  return useQuery({ queryKey: queryKeys.freezeWindows(), queryFn: getFreezeWindows });
}

export function useCreateFreezeWindow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewFreezeWindow) => unwrap(api.POST('/api/v1/changes/freeze-windows', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.changes() }),
  });
}

export function useDeleteFreezeWindow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE('/api/v1/changes/freeze-windows/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.changes() }),
  });
}
